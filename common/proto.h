/* common/proto.h: placeholder, being written */
