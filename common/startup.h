/* common/startup.h: placeholder, being written */
