/* common/types.c: placeholder, being written */
