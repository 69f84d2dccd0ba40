/*
 * product.c
 *		The backend cache of dcv_product and dcv_rule_date, and the triggers
 *		that keep it right and keep built-in rows as the extension made them.
 *
 * The cache is rebuilt lazily, on the first lookup after something marked
 * it stale.  Plain DML on a table sends no relcache invalidation, so each
 * table has a statement trigger that sends one (dcv_cache_invalidate); the
 * relcache callback only marks the cache stale.  Invalidations from other
 * sessions are read at each lookup, and the cache is rebuilt from the latest
 * committed state.
 */
#include "dcv.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_extension.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "storage/sinval.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(dcv_cache_invalidate);
PG_FUNCTION_INFO_V1(dcv_builtin_guard);

typedef struct product_entry
{
	char	   *code;			/* ASCII-lowercased */
	int			len;
	dcv_line	line;
} product_entry;

typedef struct dcv_cache
{
	bool		valid;
	bool		provisional;	/* read under an older snapshot: rebuild at
								 * the next statement */
	TimestampTz built_stmt;		/* statement that built it */
	MemoryContext cxt;
	Oid			product_relid;
	Oid			date_relid;
	product_entry *products;	/* sorted by code */
	int			n_products;
	DateADT		notice;			/* rules of the 2018-02-02 notice from */
	DateADT		sc080;			/* WHOIS e-mails retired from */
	DateADT		sc090;			/* e-mail retired from */
	int			last;			/* products[] index of the last code found, or -1 */
	int			last_len;
	char		last_code[64];	/* that code as asked for (any case) */
} dcv_cache;

static dcv_cache cache = {.last = -1};
static bool callback_registered = false;

static void
relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == cache.product_relid || relid == cache.date_relid)
		cache.valid = false;
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

static DateADT
date_from_text(const char *s)
{
	return DatumGetDateADT(DirectFunctionCall1(date_in, CStringGetDatum(s)));
}

static void
rebuild(void)
{
	Oid			nsp;
	char	   *nspname;
	bool		isnull;
	MemoryContext old;
	StringInfoData q;
	int			ret;

	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(relcache_callback, (Datum) 0);
		callback_registered = true;
	}
	if (cache.cxt == NULL)
		cache.cxt = AllocSetContextCreate(TopMemoryContext, "dcv product cache",
										  ALLOCSET_SMALL_SIZES);
	else
		MemoryContextReset(cache.cxt);
	cache.products = NULL;
	cache.n_products = 0;
	cache.last = -1;
	/* Mark valid first: an invalidation while reading must win. */
	cache.valid = true;

	if ((ret = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(ret));

	/*
	 * Read the committed state of now, not the statement's (or, in
	 * REPEATABLE READ, the transaction's) snapshot: it may be older than the
	 * invalidation that brought us here, and no other invalidation would come
	 * to correct a cache built from it.  A parallel operation cannot take a
	 * new snapshot; there the cache holds for this statement only.
	 */
	cache.provisional = IsInParallelMode();
	cache.built_stmt = GetCurrentStatementStartTimestamp();
	if (!cache.provisional)
		PushActiveSnapshot(GetLatestSnapshot());

	ret = SPI_execute("SELECT extnamespace FROM pg_catalog.pg_extension WHERE extname = 'dcv'",
					  true, 1);
	if (ret != SPI_OK_SELECT || SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("extension \"dcv\" is not installed in this database"),
				 errhint("Run CREATE EXTENSION dcv.")));
	nsp = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	nspname = get_namespace_name(nsp);
	cache.product_relid = get_relname_relid("dcv_product", nsp);
	cache.date_relid = get_relname_relid("dcv_rule_date", nsp);

	initStringInfo(&q);
	appendStringInfo(&q, "SELECT code, line FROM %s.dcv_product",
					 quote_identifier(nspname));
	if ((ret = SPI_execute(q.data, true, 0)) != SPI_OK_SELECT)
		elog(ERROR, "reading dcv_product failed: %s", SPI_result_code_string(ret));
	old = MemoryContextSwitchTo(cache.cxt);
	cache.products = palloc(Max(SPI_processed, 1) * sizeof(product_entry));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *code = SPI_getvalue(tup, desc, 1);
		char	   *line = SPI_getvalue(tup, desc, 2);
		product_entry *e = &cache.products[cache.n_products++];

		e->len = strlen(code);
		e->code = code;
		for (int k = 0; k < e->len; k++)
			if (code[k] >= 'A' && code[k] <= 'Z')
				code[k] += 'a' - 'A';
		e->line = (line && strcmp(line, "dv") == 0) ? DCV_LINE_DV : DCV_LINE_OV_EV;
	}
	MemoryContextSwitchTo(old);
	qsort(cache.products, cache.n_products, sizeof(product_entry), cmp_entry);

	/* Built-in dates first; a user's row for the same change overrides. */
	resetStringInfo(&q);
	appendStringInfo(&q, "SELECT change, effective::text FROM %s.dcv_rule_date ORDER BY builtin DESC",
					 quote_identifier(nspname));
	if ((ret = SPI_execute(q.data, true, 0)) != SPI_OK_SELECT)
		elog(ERROR, "reading dcv_rule_date failed: %s", SPI_result_code_string(ret));
	cache.notice = DATEVAL_NOBEGIN;
	cache.sc080 = DATEVAL_NOEND;
	cache.sc090 = DATEVAL_NOEND;
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *change = SPI_getvalue(tup, desc, 1);
		DateADT		d = date_from_text(SPI_getvalue(tup, desc, 2));

		if (strcmp(change, "notice_2018") == 0)
			cache.notice = d;
		else if (strcmp(change, "sc080") == 0)
			cache.sc080 = d;
		else if (strcmp(change, "sc090") == 0)
			cache.sc090 = d;
	}
	if (!cache.provisional)
		PopActiveSnapshot();
	SPI_finish();
}

static void
ensure_cache(void)
{
	/*
	 * Others' committed changes: read pending invalidations at every lookup
	 * (a statement of a multi-statement string, or after a COMMIT inside a
	 * procedure, starts no transaction and takes no lock that would).  This
	 * costs a flag test when there are none.
	 */
	AcceptInvalidationMessages();

	/* A copy read under a parallel query's snapshot serves that query only. */
	if (cache.valid && cache.provisional &&
		(!IsInParallelMode() || cache.built_stmt != GetCurrentStatementStartTimestamp()))
		cache.valid = false;
	if (!cache.valid)
	{
		PG_TRY();
		{
			rebuild();
		}
		PG_CATCH();
		{
			cache.valid = false;
			PG_RE_THROW();
		}
		PG_END_TRY();
	}
}

dcv_product_info
dcv_lookup_product(const char *code, int len)
{
	dcv_product_info r = {false, DCV_LINE_DV};
	char		buf[64];
	char	   *lower = len < (int) sizeof(buf) ? buf : palloc(len + 1);
	int			lo,
				hi;

	ensure_cache();

	/* Orders name a handful of products: the last one found, first. */
	if (cache.last >= 0 && cache.last_len == len &&
		memcmp(cache.last_code, code, len) == 0)
	{
		r.found = true;
		r.line = cache.products[cache.last].line;
		return r;
	}
	for (int i = 0; i < len; i++)
		lower[i] = (code[i] >= 'A' && code[i] <= 'Z') ? code[i] + ('a' - 'A') : code[i];
	lo = 0;
	hi = cache.n_products;
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int			c = cmp_code(lower, len, cache.products[mid].code, cache.products[mid].len);

		if (c == 0)
		{
			r.found = true;
			r.line = cache.products[mid].line;
			if (len < (int) sizeof(cache.last_code))
			{
				memcpy(cache.last_code, code, len);
				cache.last_len = len;
				cache.last = mid;
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
	ensure_cache();
	if (d < cache.notice)
		return DCV_ERA_BEFORE_NOTICE;
	if (d >= cache.sc090)
		return DCV_ERA_NO_EMAIL;
	if (d >= cache.sc080)
		return DCV_ERA_NO_WHOIS;
	return DCV_ERA_NOTICE;
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
	ensure_cache();
	return dcv_iso_date(cache.sc090);
}

/*
 * AFTER ... FOR EACH STATEMENT on dcv_product and dcv_rule_date: tell every
 * backend (this one at the end of the command, others at commit) that the
 * cache is stale.
 */
Datum
dcv_cache_invalidate(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("dcv_cache_invalidate: not fired by trigger manager")));
	CacheInvalidateRelcache(trigdata->tg_relation);
	cache.valid = false;
	return PointerGetDatum(NULL);
}

/*
 * BEFORE ... FOR EACH ROW (and BEFORE TRUNCATE) on dcv_product and
 * dcv_rule_date: rows marked builtin belong to the extension script.  They
 * are not dumped, so an edit would silently vanish in a dump and restore;
 * refuse it, and refuse a user's row that claims to be built-in.
 */
Datum
dcv_builtin_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	int			attnum;
	bool		isnull;
	const char *table;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("dcv_builtin_guard: not fired by trigger manager")));
	if (creating_extension)
	{
		if (!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
			return PointerGetDatum(NULL);
		return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)
							   ? trigdata->tg_newtuple : trigdata->tg_trigtuple);
	}

	table = RelationGetRelationName(trigdata->tg_relation);
	if (TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_DCV_BUILTIN_ROW),
				 errmsg("cannot truncate %s", table),
				 errdetail("It holds built-in rows of the extension dcv."),
				 errhint("Delete your own rows with DELETE ... WHERE NOT builtin.")));

	desc = RelationGetDescr(trigdata->tg_relation);
	attnum = SPI_fnumber(desc, "builtin");
	if (attnum <= 0)
		elog(ERROR, "dcv_builtin_guard: table \"%s\" has no column \"builtin\"", table);

	if (!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		Datum		old = heap_getattr(trigdata->tg_trigtuple, attnum, desc, &isnull);

		if (!isnull && DatumGetBool(old))
			ereport(ERROR,
					(errcode(ERRCODE_DCV_BUILTIN_ROW),
					 errmsg("cannot %s a built-in row of %s",
							TRIGGER_FIRED_BY_DELETE(trigdata->tg_event) ? "delete" : "update",
							table),
					 errdetail("Built-in rows come from the extension script and are not included in pg_dump output, so a change to one would be lost in a dump and restore."),
					 errhint("Add a row of your own instead; see the dcv documentation of %s.",
							 table)));
	}
	if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		return PointerGetDatum(trigdata->tg_trigtuple);

	{
		HeapTuple	newtup = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)
			? trigdata->tg_newtuple : trigdata->tg_trigtuple;
		Datum		b = heap_getattr(newtup, attnum, desc, &isnull);

		if (!isnull && DatumGetBool(b))
			ereport(ERROR,
					(errcode(ERRCODE_DCV_BUILTIN_ROW),
					 errmsg("cannot add a built-in row to %s", table),
					 errdetail("Only the extension script adds rows with builtin = true; such rows are not dumped."),
					 errhint("Leave builtin out: it defaults to false.")));
		return PointerGetDatum(newtup);
	}
}
