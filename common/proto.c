/* common/proto.c: placeholder, being written */
