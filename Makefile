# dcv: DCV e-mail recipient rules for PostgreSQL

EXTENSION = dcv
MODULE_big = dcv
DATA = $(wildcard dcv--*.sql)
DOCS = $(wildcard doc/*.md)
PGFILEDESC = "dcv - DCV e-mail recipients of SSL/TLS certificate orders"

CORE_SRCS = src/core/util.c src/core/psl.c src/core/domain.c src/core/labels.c \
	src/core/uts46.c src/core/base.c src/core/email.c src/core/rules.c src/core/dns.c
CORE_OBJS = $(CORE_SRCS:.c=.o)
OBJS = $(CORE_OBJS) src/dcv.o src/normal.o src/candidates.o src/decision.o \
	src/product.o src/guard.o src/contacts.o src/psl_setting.o src/trigger.o src/report.o

DEP_CFLAGS := $(shell pkg-config --cflags libidn2 libpsl)
# libunistring (Bidi classes, uts46.c) has no pkg-config file on Debian 12.
DEP_LIBS := $(shell pkg-config --libs libidn2 libpsl) -lunistring

PG_CPPFLAGS += -I$(srcdir)/src/core $(DEP_CFLAGS)
SHLIB_LINK += $(DEP_LIBS)

# pg_regress files, one per topic, found by wildcard.
TESTS = $(sort $(wildcard sql/*.sql))
REGRESS = $(patsubst sql/%.sql,%,$(TESTS))
REGRESS_OPTS = --inputdir=. --load-extension=dcv

ISOLATION = $(patsubst specs/%.spec,%,$(sort $(wildcard specs/*.spec)))
ISOLATION_OPTS = --load-extension=dcv

EXTRA_CLEAN = test/unit test/idna_vectors test/*.o results/ output_iso/ tmp_check_iso/

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# C unit tests of the core, without the server.
UNIT_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -g -O1 -Wall -Wextra -Wno-unused-parameter \
	-Isrc/core $(DEP_CFLAGS)

test/unit: test/unit.c test/unit_dns.c test/arena.h $(CORE_SRCS) src/core/dcv_core.h src/core/util.h
	$(CC) $(UNIT_CFLAGS) $(UNIT_EXTRA) -o $@ test/unit.c $(CORE_SRCS) $(DEP_LIBS)

unittest: test/unit
	test/unit

# Every vector of Unicode's UTS#46 conformance file (test/idna_vectors.c).
test/idna_vectors: test/idna_vectors.c $(CORE_SRCS) src/core/dcv_core.h src/core/util.h
	$(CC) $(UNIT_CFLAGS) $(UNIT_EXTRA) -o $@ test/idna_vectors.c $(CORE_SRCS) $(DEP_LIBS)

idnatest: test/idna_vectors
	test/idna_vectors test/data/IdnaTestV2-14.0.0.txt

# The flags the scripts of test/ build the core with (sanitizers, fuzzing).
core-flags:
	@echo "cflags $(UNIT_CFLAGS)"
	@echo "libs $(DEP_LIBS)"

# What a developer runs: the unit tests (above), the core under ASan/UBSan and
# valgrind, the fuzz harnesses for a short time, and the whole suite (as root
# on Debian 12; it installs what it needs and uses a throwaway cluster).
# make installcheck runs the pg_regress and isolation tests on a server.
sanitize:
	test/sanitize.sh

fuzz:
	test/fuzz/run.sh

suite:
	test/run-all.sh

.PHONY: unittest idnatest core-flags sanitize fuzz suite
