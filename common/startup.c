/* common/startup.c: placeholder, being written */
