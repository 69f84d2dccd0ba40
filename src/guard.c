/*
 * guard.c
 *		The triggers of dcv_product and dcv_rule_date: built-in rows stay as
 *		the extension script made them, the timeline keeps its order, and the
 *		backend's copy of the tables is marked stale after a change.
 */
#include "dcv.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "lib/stringinfo.h"
#include "catalog/pg_class.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "storage/lmgr.h"
#include "utils/inval.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

PG_FUNCTION_INFO_V1(dcv_cache_invalidate);
PG_FUNCTION_INFO_V1(dcv_builtin_guard);

static TriggerData *
trigger_data(FunctionCallInfo fcinfo, const char *fn)
{
	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s: not fired by trigger manager", fn)));
	return (TriggerData *) fcinfo->context;
}

/*
 * The order of the timeline (doc/rules.md, "The timeline"): no later step
 * may take effect before an earlier one.  Checked after every statement
 * that writes dcv_rule_date, on what the table will hold when it commits:
 * writers take turns here, and each reads the latest committed rows with
 * its own.
 */
static void
check_timeline(Relation rel)
{
	DateADT		dates[DCV_NUM_CHANGES];
	bool		present[DCV_NUM_CHANGES];
	int			prev = -1;
	StringInfoData order;

	LockDatabaseObject(RelationRelationId, RelationGetRelid(rel), 0, ExclusiveLock);
	CommandCounterIncrement();
	PushActiveSnapshot(GetLatestSnapshot());
	dcv_read_dates(RelationGetRelid(rel), GetActiveSnapshot(), dates, present);
	PopActiveSnapshot();

	initStringInfo(&order);
	for (int c = 0; c < DCV_NUM_CHANGES; c++)
		appendStringInfo(&order, "%s%s", c ? ", " : "", dcv_change_names[c]);
	/* the changes that have a row, each against the one before it */
	for (int c = 0; c < DCV_NUM_CHANGES; c++)
	{
		if (!present[c])
			continue;
		if (prev >= 0 && dates[c] < dates[prev])
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s would take effect on %s, before %s on %s",
							dcv_change_names[c], dcv_iso_date(dates[c]),
							dcv_change_names[prev], dcv_iso_date(dates[prev])),
					 errdetail("The changes of dcv_rule_date follow one another: %s.", order.data),
					 errhint("Correct the dates of the dcv_timeline view so that none is before the one above it.")));
		prev = c;
	}
}

/*
 * Whether dcv's own extension script runs (CREATE or ALTER EXTENSION dcv):
 * another extension's script is no reason to let a change through.
 */
static bool
dcv_script_running(void)
{
	return creating_extension && CurrentExtensionObject == get_extension_oid("dcv", true);
}

/* Refuses to run as a trigger on any table but dcv's own two. */
static void
check_own_table(TriggerData *td, const char *fn, Oid *date)
{
	Oid			relid = RelationGetRelid(td->tg_relation);
	Oid			product;

	dcv_table_oids(&product, date);
	if (relid != product && relid != *date)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s may only be fired by the tables of extension dcv", fn),
				 errdetail("It was fired by table \"%s\".", RelationGetRelationName(td->tg_relation))));
}

/*
 * AFTER ... FOR EACH STATEMENT on dcv_product and dcv_rule_date.  The
 * backend's copy of the tables follows the snapshot anyway (product.c); the
 * invalidation only spares a comparison.  Attached to any other table it
 * refuses to run, so it cannot be a handle on dcv's state.
 */
Datum
dcv_cache_invalidate(PG_FUNCTION_ARGS)
{
	TriggerData *td = trigger_data(fcinfo, "dcv_cache_invalidate");
	Oid			date;

	if (dcv_script_running())
	{
		/* dcv's own script: the copy is stale all the same */
		CacheInvalidateRelcache(td->tg_relation);
		dcv_tables_invalidate();
		return PointerGetDatum(NULL);
	}
	check_own_table(td, "dcv_cache_invalidate", &date);
	if (RelationGetRelid(td->tg_relation) == date)
		check_timeline(td->tg_relation);
	CacheInvalidateRelcache(td->tg_relation);
	dcv_tables_invalidate();
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
	TriggerData *trigdata = trigger_data(fcinfo, "dcv_builtin_guard");
	TupleDesc	desc;
	int			attnum;
	bool		isnull;
	const char *table;
	HeapTuple	newtup;
	Oid			date;

	if (dcv_script_running())
	{
		if (!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
			return PointerGetDatum(NULL);
		return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)
							   ? trigdata->tg_newtuple : trigdata->tg_trigtuple);
	}

	check_own_table(trigdata, "dcv_builtin_guard", &date);
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

	newtup = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)
		? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	{
		Datum		b = heap_getattr(newtup, attnum, desc, &isnull);

		if (!isnull && DatumGetBool(b))
			ereport(ERROR,
					(errcode(ERRCODE_DCV_BUILTIN_ROW),
					 errmsg("cannot add a built-in row to %s", table),
					 errdetail("Only the extension script adds rows with builtin = true; such rows are not dumped."),
					 errhint("Leave builtin out: it defaults to false.")));
	}
	return PointerGetDatum(newtup);
}
