º´	Í!¸LÍ!lifechld: hello from the child
$