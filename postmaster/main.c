/* postmaster/main.c: placeholder, being written */
