#!/bin/sh
# Regenerate the build system from a git checkout: configure, Makefile.in, aux files.
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf -fi
