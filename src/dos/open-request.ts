// What an open asks for (the INT 21h/3Dh mode byte and, for creating opens, what to do with the
// file) and what it did, shared by the handle, FCB and extended-open calls and FileSystem.

/** How to open: the INT 21h/3Dh mode byte, and for creating opens what to do with the file. */
export interface OpenRequest {
  mode: number; // access | sharing | no-inherit (and OPEN_MODE_FCB for FCB opens)
  create?: boolean; // create when missing
  truncate?: boolean; // cut an existing file to zero (3Ch)
  exclusive?: boolean; // fail with 80 when it exists (5Bh)
  mustExist?: boolean; // fail with 2 when missing
  attribute?: number; // attribute of a created file
}

/** What an open did (INT 21h/6Ch reports it in CX). */
export const OPEN_ACTION = { OPENED: 1, CREATED: 2, REPLACED: 3 } as const;
