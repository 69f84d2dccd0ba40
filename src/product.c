/*
 * product.c
 *		The backend's copy of dcv_product and dcv_rule_date: which line a
 *		product code is on, and from which dates the rules change.
 *
 * Every decision of a statement must rest on the tables as that statement's
 * snapshot sees them (doc/rules.md, "Inside the server"), the same for every
 * user and every session setting.  So the copy is read without SQL: the two
 * tables are scanned directly under the active snapshot, their values read
 * in binary.  No search_path, pg_temp object, cast or DateStyle can take
 * part, and a parallel worker, which runs under its leader's snapshot,
 * reads exactly what its leader reads.
 *
 * The copy is a function of the tables and the snapshot only, and it is
 * reused while the active snapshot is the one it was read under: the same
 * transactions visible, the same command of this transaction, and no abort
 * (of a subtransaction either) since it was read.  A statement
 * under a different snapshot reads the tables again (they are a page each).
 * Invalidations only ever mark the copy stale: nobody can fill it with
 * anything but what the snapshot shows.
 */
#include "dcv.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_extension.h"
#include "executor/tuptable.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

typedef struct product_entry
{
	char	   *code;			/* ASCII-lowercased */
	int			len;
	dcv_line	line;
} product_entry;

/* What the copy was read under: the visibility a snapshot gives. */
typedef struct snapshot_key
{
	TransactionId xmin;
	TransactionId xmax;
	CommandId	curcid;
	uint32		xcnt;
	int32		subxcnt;
	bool		suboverflowed;
	bool		recovery;
	TransactionId *xip;			/* xcnt, then subxcnt ids */
} snapshot_key;

typedef struct dcv_tables
{
	bool		valid;
	bool		oids_valid;		/* product_relid and date_relid are current */
	MemoryContext cxt;
	snapshot_key key;
	Oid			product_relid;
	Oid			date_relid;
	product_entry *products;	/* sorted by code */
	int			n_products;
	DateADT		dates[DCV_NUM_CHANGES];
	int			last;			/* products[] index of the last code found, or -1 */
	int			last_len;
	char		last_code[64];	/* that code as asked for (any case) */
} dcv_tables;

static dcv_tables tables = {.last = -1};
static bool callback_registered = false;

const char *const dcv_change_names[DCV_NUM_CHANGES] = {
	"notice_2018", "sc13", "sc080", "sc090_discouraged", "sc090"
};

static void
relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == tables.product_relid || relid == tables.date_relid)
		tables.valid = tables.oids_valid = false;
}

/*
 * An abort, of a subtransaction too, can take rows back that the copy saw
 * (its own writes) without changing the key of the next snapshot: a copy
 * read before an abort is never used after it.
 */
static void
xact_callback(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT)
		tables.valid = false;
}

static void
subxact_callback(SubXactEvent event, SubTransactionId mySubid,
				 SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
		tables.valid = false;
}

void
dcv_tables_invalidate(void)
{
	tables.valid = false;
}

static bool
key_matches(const snapshot_key *k, Snapshot s)
{
	return k->xmin == s->xmin && k->xmax == s->xmax && k->curcid == s->curcid &&
		k->xcnt == s->xcnt && k->subxcnt == s->subxcnt &&
		k->suboverflowed == s->suboverflowed && k->recovery == s->takenDuringRecovery &&
		(s->xcnt == 0 || memcmp(k->xip, s->xip, s->xcnt * sizeof(TransactionId)) == 0) &&
		(s->subxcnt <= 0 ||
		 memcmp(k->xip + s->xcnt, s->subxip, s->subxcnt * sizeof(TransactionId)) == 0);
}

static void
key_set(snapshot_key *k, Snapshot s)
{
	size_t		nsub = s->subxcnt > 0 ? s->subxcnt : 0;

	k->xmin = s->xmin;
	k->xmax = s->xmax;
	k->curcid = s->curcid;
	k->xcnt = s->xcnt;
	k->subxcnt = s->subxcnt;
	k->suboverflowed = s->suboverflowed;
	k->recovery = s->takenDuringRecovery;
	k->xip = MemoryContextAlloc(tables.cxt, (s->xcnt + nsub + 1) * sizeof(TransactionId));
	if (s->xcnt > 0)
		memcpy(k->xip, s->xip, s->xcnt * sizeof(TransactionId));
	if (nsub > 0)
		memcpy(k->xip + s->xcnt, s->subxip, nsub * sizeof(TransactionId));
}

static int
cmp_code(const char *a, int alen, const char *b, int blen)
{
	int			r = memcmp(a, b, Min(alen, blen));

	if (r != 0)
		return r;
	return (alen > blen) - (alen < blen);
}

static int
cmp_entry(const void *x, const void *y)
{
	const product_entry *a = x,
			   *b = y;

	return cmp_code(a->code, a->len, b->code, b->len);
}

/* The attribute number of a column dcv's script created, by name. */
static AttrNumber
column(Relation rel, const char *name)
{
	TupleDesc	desc = RelationGetDescr(rel);

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
			return att->attnum;
	}
	elog(ERROR, "table \"%s\" of extension dcv has no column \"%s\"",
		 RelationGetRelationName(rel), name);
	return InvalidAttrNumber;	/* keep the compiler quiet */
}

/* The schema of the installed extension, from pg_extension, or InvalidOid. */
static Oid
extension_schema(void)
{
	Relation	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	Oid			nsp = InvalidOid;

	ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber,
				F_NAMEEQ, CStringGetDatum("dcv"));
	scan = systable_beginscan(rel, ExtensionNameIndexId, true, NULL, 1, &key);
	if (HeapTupleIsValid(tup = systable_getnext(scan)))
		nsp = ((Form_pg_extension) GETSTRUCT(tup))->extnamespace;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return nsp;
}

/*
 * The relations of the installed extension, found in the catalogs and
 * remembered until an invalidation names either of them (dropping one sends
 * one) or the relation cache is reset.
 */
void
dcv_table_oids(Oid *product, Oid *date)
{
	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(relcache_callback, (Datum) 0);
		RegisterXactCallback(xact_callback, NULL);
		RegisterSubXactCallback(subxact_callback, NULL);
		callback_registered = true;
	}
	if (!tables.oids_valid)
	{
		Oid			nsp = extension_schema();

		tables.product_relid = OidIsValid(nsp) ? get_relname_relid("dcv_product", nsp) : InvalidOid;
		tables.date_relid = OidIsValid(nsp) ? get_relname_relid("dcv_rule_date", nsp) : InvalidOid;
		if (!OidIsValid(tables.product_relid) || !OidIsValid(tables.date_relid))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("extension \"dcv\" is not installed in this database"),
					 errhint("Run CREATE EXTENSION dcv.")));
		tables.oids_valid = true;
	}
	*product = tables.product_relid;
	*date = tables.date_relid;
}

/* A text value of a scanned row, as a NUL-terminated copy in cxt. */
static char *
text_value(TupleTableSlot *slot, AttrNumber att, bool *isnull)
{
	Datum		d = slot_getattr(slot, att, isnull);

	return *isnull ? NULL : text_to_cstring(DatumGetTextPP(d));
}

static void
read_products(Snapshot snap)
{
	Relation	rel = table_open(tables.product_relid, AccessShareLock);
	AttrNumber	a_code = column(rel, "code"),
				a_line = column(rel, "line");
	TableScanDesc scan = table_beginscan(rel, snap, 0, NULL);
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	int			cap = 32;

	tables.products = MemoryContextAlloc(tables.cxt, cap * sizeof(product_entry));
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		null_code,
					null_line;
		MemoryContext old = MemoryContextSwitchTo(tables.cxt);
		char	   *code = text_value(slot, a_code, &null_code);
		char	   *line = text_value(slot, a_line, &null_line);
		product_entry *e;

		MemoryContextSwitchTo(old);
		if (null_code)
			continue;			/* the table's constraints forbid it */
		if (tables.n_products == cap)
		{
			cap *= 2;
			tables.products = repalloc(tables.products, cap * sizeof(product_entry));
		}
		e = &tables.products[tables.n_products++];
		e->code = code;
		e->len = strlen(code);
		dcv_ascii_lower(code, e->len);
		e->line = (!null_line && strcmp(line, "dv") == 0) ? DCV_LINE_DV : DCV_LINE_OV_EV;
	}
	ExecDropSingleTupleTableSlot(slot);
	table_endscan(scan);
	table_close(rel, NoLock);
	/* a few dozen rows at most: insertion sort */
	for (int i = 1; i < tables.n_products; i++)
	{
		product_entry e = tables.products[i];
		int			j = i;

		for (; j > 0 && cmp_entry(&tables.products[j - 1], &e) > 0; j--)
			tables.products[j] = tables.products[j - 1];
		tables.products[j] = e;
	}
}

/*
 * The dates in force as a snapshot sees dcv_rule_date: a user's row for a
 * change overrides the built-in one.  Also used to check the timeline.
 */
void
dcv_read_dates(Oid relid, Snapshot snap, DateADT *dates, bool *present)
{
	Relation	rel = table_open(relid, AccessShareLock);
	AttrNumber	a_change = column(rel, "change"),
				a_effective = column(rel, "effective"),
				a_builtin = column(rel, "builtin");
	TableScanDesc scan = table_beginscan(rel, snap, 0, NULL);
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	bool		user[DCV_NUM_CHANGES] = {false};

	/* a change without a row (a database still at 1.0) never comes */
	dates[DCV_CHANGE_NOTICE] = DATEVAL_NOBEGIN;
	for (int c = DCV_CHANGE_NOTICE + 1; c < DCV_NUM_CHANGES; c++)
		dates[c] = DATEVAL_NOEND;
	for (int c = 0; present && c < DCV_NUM_CHANGES; c++)
		present[c] = false;
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		n1,
					n2,
					n3;
		Datum		change = slot_getattr(slot, a_change, &n1);
		Datum		eff = slot_getattr(slot, a_effective, &n2);
		Datum		builtin = slot_getattr(slot, a_builtin, &n3);
		int			c = n1 ? -1 : dcv_change_code(DatumGetTextPP(change));

		if (c < 0 || n2 || (user[c] && (n3 || DatumGetBool(builtin))))
			continue;
		dates[c] = DatumGetDateADT(eff);
		user[c] = !n3 && !DatumGetBool(builtin);
		if (present)
			present[c] = true;
	}
	ExecDropSingleTupleTableSlot(slot);
	table_endscan(scan);
	table_close(rel, NoLock);
}

/* Which of dcv_change_names a text names, or -1. */
int
dcv_change_code(text *t)
{
	int			len = VARSIZE_ANY_EXHDR(t);

	for (int c = 0; c < DCV_NUM_CHANGES; c++)
		if ((int) strlen(dcv_change_names[c]) == len &&
			memcmp(VARDATA_ANY(t), dcv_change_names[c], len) == 0)
			return c;
	return -1;
}

static void
rebuild(Snapshot snap)
{
	tables.valid = false;
	if (tables.cxt == NULL)
		tables.cxt = AllocSetContextCreate(TopMemoryContext, "dcv tables",
										   ALLOCSET_SMALL_SIZES);
	else
		MemoryContextReset(tables.cxt);
	tables.products = NULL;
	tables.n_products = 0;
	tables.last = -1;

	dcv_table_oids(&tables.product_relid, &tables.date_relid);
	read_products(snap);
	dcv_read_dates(tables.date_relid, snap, tables.dates, NULL);
	elog(DEBUG1, "dcv: tables read");
	key_set(&tables.key, snap);
	tables.valid = true;
}

/* The copy for the active snapshot, read again when that is another one. */
static void
ensure_tables(void)
{
	Snapshot	snap;
	bool		pushed = false;

	if (ActiveSnapshotSet())
		snap = GetActiveSnapshot();
	else
	{
		PushActiveSnapshot(GetTransactionSnapshot());
		snap = GetActiveSnapshot();
		pushed = true;
	}
	if (!tables.valid || !key_matches(&tables.key, snap))
	{
		PG_TRY();
		{
			rebuild(snap);
		}
		PG_CATCH();
		{
			tables.valid = false;
			PG_RE_THROW();
		}
		PG_END_TRY();
	}
	if (pushed)
		PopActiveSnapshot();
}

dcv_product_info
dcv_lookup_product(const char *code, int len)
{
	dcv_product_info r = {false, DCV_LINE_DV};
	char		buf[64];
	char	   *lower = len < (int) sizeof(buf) ? buf : palloc(len + 1);
	int			lo,
				hi;

	ensure_tables();

	/* Orders name a handful of products: the last one found, first. */
	if (tables.last >= 0 && tables.last_len == len &&
		memcmp(tables.last_code, code, len) == 0)
	{
		r.found = true;
		r.line = tables.products[tables.last].line;
		return r;
	}
	memcpy(lower, code, len);
	dcv_ascii_lower(lower, len);
	lo = 0;
	hi = tables.n_products;
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int			c = cmp_code(lower, len, tables.products[mid].code, tables.products[mid].len);

		if (c == 0)
		{
			r.found = true;
			r.line = tables.products[mid].line;
			if (len < (int) sizeof(tables.last_code))
			{
				memcpy(tables.last_code, code, len);
				tables.last_len = len;
				tables.last = mid;
			}
			break;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (lower != buf)
		pfree(lower);
	return r;
}

dcv_era
dcv_era_on(DateADT d)
{
	ensure_tables();
	if (d < tables.dates[DCV_CHANGE_NOTICE])
		return DCV_ERA_BEFORE_NOTICE;
	if (d >= tables.dates[DCV_CHANGE_SC090])
		return DCV_ERA_NO_EMAIL;
	if (d >= tables.dates[DCV_CHANGE_SC080])
		return DCV_ERA_NO_WHOIS;
	return DCV_ERA_NOTICE;
}

/*
 * Whether DNS-published contacts are candidates on a date (ballot SC13),
 * and whether a decision on it rests on a discouraged method (SC-090's
 * first step); after dcv_era_on, which read the tables for this statement.
 */
bool
dcv_dns_allowed_on(DateADT d)
{
	Assert(tables.valid);
	return d >= tables.dates[DCV_CHANGE_SC13];
}

bool
dcv_discouraged_on(DateADT d)
{
	Assert(tables.valid);
	return d >= tables.dates[DCV_CHANGE_SC090_DISCOURAGED];
}

char *
dcv_iso_date(DateADT d)
{
	int			y,
				m,
				day;

	if (DATE_NOT_FINITE(d))
		return pstrdup(DATE_IS_NOBEGIN(d) ? "-infinity" : "infinity");
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	return psprintf("%04d-%02d-%02d", y, m, day);
}

char *
dcv_sc090_date(void)
{
	ensure_tables();
	return dcv_iso_date(tables.dates[DCV_CHANGE_SC090]);
}
