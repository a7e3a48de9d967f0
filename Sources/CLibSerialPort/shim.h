#ifndef MODEMKIT_CLIBSERIALPORT_SHIM_H
#define MODEMKIT_CLIBSERIALPORT_SHIM_H
#include <libserialport.h>
#endif
