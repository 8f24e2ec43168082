/* common/utf8.c: placeholder, being written */
