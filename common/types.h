/* common/types.h: placeholder, being written */
