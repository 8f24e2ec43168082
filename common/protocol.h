/* common/protocol.h: placeholder, being written */
