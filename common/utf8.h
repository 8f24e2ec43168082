/* common/utf8.h: placeholder, being written */
