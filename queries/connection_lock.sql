-- External access off (but for the folders allowed), and no setting may change from now on.
SET enable_external_access = false;
SET lock_configuration = true;
