/*
 * trigger.c
 *		dcv_recipient_trigger: a BEFORE INSERT OR UPDATE row trigger that
 *		writes the DCV recipients (and the rule applied) into an order row.
 *
 *	CREATE TRIGGER ... BEFORE INSERT OR UPDATE ON orders FOR EACH ROW
 *	EXECUTE FUNCTION dcv_recipient_trigger(product_col, domain_col,
 *		designated_col, whois_col, recipients_col [, rule_col [, as_of_col
 *		[, dns_records_col [, subdomains_col]]]]);
 *
 * The trigger owns the recipients and rule columns: on UPDATE it decides
 * again when a source column changed or when the statement writes one of the
 * columns it owns, so no UPDATE leaves recipients the rules did not choose;
 * an UPDATE of other columns only compares a few values.
 */
#include "dcv.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/pg_class.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "nodes/bitmapset.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

PG_FUNCTION_INFO_V1(dcv_recipient_trigger);

enum
{
	COL_PRODUCT = 0,
	COL_DOMAIN,
	COL_DESIGNATED,
	COL_WHOIS,
	COL_RECIPIENTS,
	COL_RULE,
	COL_AS_OF,
	COL_DNS,
	COL_SUBDOMAINS,
	NUM_COLS
};

static const char *const col_role[NUM_COLS] = {
	"product", "domain", "designated", "whois", "recipients", "rule", "as_of",
	"dns_records", "subdomains"
};

/* The types each column may have (0-terminated). */
static const Oid col_types[NUM_COLS][3] = {
	{TEXTOID, VARCHAROID, 0},
	{TEXTOID, VARCHAROID, 0},
	{TEXTARRAYOID, 0},
	{TEXTARRAYOID, 0},
	{TEXTARRAYOID, 0},
	{TEXTOID, 0},
	{DATEOID, 0},
	{TEXTARRAYOID, 0},
	{BOOLOID, 0}
};

static const char *const col_type_names[NUM_COLS] = {
	"text or varchar", "text or varchar", "text[]", "text[]", "text[]", "text", "date",
	"text[]", "boolean"
};

typedef struct resolved_columns
{
	Oid			tgoid;
	Oid			relid;
	int			ncols;
	int			attnums[NUM_COLS];
} resolved_columns;

static void
trigger_context(void *arg)
{
	errcontext("dcv_recipient_trigger on table \"%s\"", (const char *) arg);
}

/*
 * The columns must be the trigger's to read and write: none generated, and
 * the written ones not also read.
 */
static void
check_own_columns(TriggerData *td, const int *attnums)
{
	Trigger    *tg = td->tg_trigger;
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	const char *table = RelationGetRelationName(td->tg_relation);

	/*
	 * A stored generated column is computed after the BEFORE triggers: it
	 * reads NULL (INSERT) or its old value (UPDATE) here, and one the trigger
	 * writes would be overwritten.
	 */
	for (int i = 0; i < tg->tgnargs; i++)
		if (TupleDescAttr(desc, attnums[i] - 1)->attgenerated)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("column \"%s\" of relation \"%s\" is a generated column",
							tg->tgargs[i], table),
					 errdetail("PostgreSQL computes generated columns after BEFORE triggers, so dcv_recipient_trigger cannot use one as its %s column.",
							   col_role[i]),
					 errhint("Make it an ordinary column, or name the column it is computed from.")));
	/* The columns it writes must be columns of their own. */
	for (int i = COL_RECIPIENTS; i <= COL_RULE && i < tg->tgnargs; i++)
		for (int j = 0; j < tg->tgnargs; j++)
			if (j != i && attnums[j] == attnums[i])
				ereport(ERROR,
						(errcode(ERRCODE_DUPLICATE_COLUMN),
						 errmsg("column \"%s\" of relation \"%s\" cannot be both the %s and the %s column of dcv_recipient_trigger",
								tg->tgargs[i], table, col_role[Min(i, j)], col_role[Max(i, j)]),
						 errdetail("The trigger writes its %s column, which would overwrite the %s column.",
								   col_role[i], col_role[j])));
}

/* Resolves the trigger's column arguments, checking names and types. */
static int
resolve_columns(TriggerData *td, int *attnums)
{
	Trigger    *tg = td->tg_trigger;
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	const char *table = RelationGetRelationName(td->tg_relation);

	/*
	 * The trigger owns the recipients: an INSERT or UPDATE it does not fire
	 * for could store recipients the rules did not choose.
	 */
	if (!TRIGGER_FOR_INSERT(tg->tgtype) || !TRIGGER_FOR_UPDATE(tg->tgtype) ||
		tg->tgnattr > 0 || tg->tgqual != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("dcv_recipient_trigger on table \"%s\" must be defined BEFORE INSERT OR UPDATE, without a column list or WHEN condition",
						table),
				 errdetail("An INSERT or UPDATE the trigger does not fire for could store recipients the rules did not choose.")));

	/*
	 * A foreign table stores the row elsewhere, where triggers, defaults or
	 * generated columns of the remote table could change it after dcv.
	 */
	if (td->tg_relation->rd_rel->relkind == RELKIND_FOREIGN_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("dcv_recipient_trigger cannot be used on foreign table \"%s\"", table),
				 errdetail("The row is stored by another server, where it could change after its recipients were decided."),
				 errhint("Define the trigger on the table of the server that stores the orders.")));

	if (tg->tgnargs < 5 || tg->tgnargs > NUM_COLS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("dcv_recipient_trigger on table \"%s\" takes 5 to %d arguments, not %d",
						table, NUM_COLS, tg->tgnargs),
				 errhint("The arguments are the columns product, domain, designated, whois, recipients, and optionally rule, as_of, dns_records and subdomains.")));

	for (int i = 0; i < tg->tgnargs; i++)
	{
		const char *name = tg->tgargs[i];
		int			attnum = SPI_fnumber(desc, name);
		Oid			type;
		bool		ok = false;

		if (attnum != SPI_ERROR_NOATTRIBUTE && attnum <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of relation \"%s\" is a system column", name, table),
					 errdetail("The %s column of dcv_recipient_trigger must be an ordinary column.",
							   col_role[i])));
		if (attnum == SPI_ERROR_NOATTRIBUTE)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of relation \"%s\" does not exist", name, table),
					 errdetail("It is the %s column of dcv_recipient_trigger.", col_role[i])));
		type = TupleDescAttr(desc, attnum - 1)->atttypid;
		for (int k = 0; col_types[i][k] != 0; k++)
			ok |= (type == col_types[i][k]);
		if (!ok)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of relation \"%s\" is of type %s",
							name, table, format_type_be(type)),
					 errdetail("The %s column of dcv_recipient_trigger must be of type %s.",
							   col_role[i], col_type_names[i])));
		attnums[i] = attnum;
	}
	check_own_columns(td, attnums);
	return tg->tgnargs;
}

/* Whether trigger t (of the given type, state and name) fires after me. */
static bool
fires_after(const Trigger *me, Oid oid, int16 type, char enabled, const char *name)
{
	return oid != me->tgoid && enabled != TRIGGER_DISABLED &&
		TRIGGER_FOR_ROW(type) && TRIGGER_FOR_BEFORE(type) &&
		(TRIGGER_FOR_INSERT(type) || TRIGGER_FOR_UPDATE(type)) &&
		strcmp(name, me->tgname) > 0;
}

static void
later_trigger_error(TriggerData *td, const char *name)
{
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("trigger \"%s\" on table \"%s\" fires after dcv_recipient_trigger \"%s\"",
					name, RelationGetRelationName(td->tg_relation), td->tg_trigger->tgname),
			 errdetail("BEFORE ROW triggers fire in the order of their names, so it could change the row after its recipients were decided."),
			 errhint("Rename one of them so that the dcv trigger's name sorts after every other BEFORE ROW trigger of the table.")));
}

/*
 * BEFORE ROW triggers fire in the order of their names: one that fires after
 * this one could change the row it decided (doc/rules.md, "What the order
 * trigger promises").  The executor fires the list it took when it set up
 * the table, which may be the list of the statement's start (a trigger
 * dropped or renamed since, by a function the statement calls, still
 * fires) or of now (a partition first reached later): both are checked, the
 * relation's list as it is and pg_trigger as the statement's snapshot sees
 * it.  Disabled triggers do not fire; the check is made again for every
 * statement (with the columns), so one enabled later counts.
 */
static void
check_later_triggers(TriggerData *td)
{
	TriggerDesc *trigdesc = td->tg_relation->trigdesc;
	Trigger    *me = td->tg_trigger;
	Relation	tgrel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;

	for (int i = 0; trigdesc && i < trigdesc->numtriggers; i++)
	{
		Trigger    *t = &trigdesc->triggers[i];

		if (fires_after(me, t->tgoid, t->tgtype, t->tgenabled, t->tgname))
			later_trigger_error(td, t->tgname);
	}

	tgrel = table_open(TriggerRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_trigger_tgrelid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(RelationGetRelid(td->tg_relation)));
	scan = systable_beginscan(tgrel, TriggerRelidNameIndexId, true,
							  ActiveSnapshotSet() ? GetActiveSnapshot() : NULL, 1, &key);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_trigger t = (Form_pg_trigger) GETSTRUCT(tup);

		if (fires_after(me, t->oid, t->tgtype, t->tgenabled, NameStr(t->tgname)))
			later_trigger_error(td, NameStr(t->tgname));
	}
	systable_endscan(scan);
	table_close(tgrel, AccessShareLock);
}

/* Whether an UPDATE must decide again. */
static bool
needs_decision(TriggerData *td, const int *attnums, int ncols)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	const Bitmapset *updated = td->tg_updatedcols;

	for (int i = 0; i < ncols; i++)
	{
		int			attnum = attnums[i];
		Form_pg_attribute att = TupleDescAttr(desc, attnum - 1);
		bool		oldnull,
					newnull;
		Datum		oldv,
					newv;

		/* Written by the statement: a column the trigger owns, or a source. */
		if (bms_is_member(attnum - FirstLowInvalidHeapAttributeNumber, updated))
			return true;
		oldv = heap_getattr(td->tg_trigtuple, attnum, desc, &oldnull);
		newv = heap_getattr(td->tg_newtuple, attnum, desc, &newnull);
		if (oldnull != newnull)
			return true;
		if (!oldnull && !datumIsEqual(oldv, newv, att->attbyval, att->attlen))
			return true;
	}
	return false;
}

/* The row to decide, after checking how the trigger was fired. */
static HeapTuple
fired_row(FunctionCallInfo fcinfo)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	const char *table;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("dcv_recipient_trigger: not fired by trigger manager")));
	table = RelationGetRelationName(td->tg_relation);
	if (!TRIGGER_FIRED_FOR_ROW(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("dcv_recipient_trigger on table \"%s\" must be fired for each row", table)));
	if (!TRIGGER_FIRED_BEFORE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("dcv_recipient_trigger on table \"%s\" must be fired BEFORE INSERT OR UPDATE", table)));
	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
		return td->tg_trigtuple;
	if (!TRIGGER_FIRED_BY_UPDATE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("dcv_recipient_trigger on table \"%s\" must be fired for INSERT or UPDATE", table)));
	return td->tg_newtuple;
}

/*
 * The columns, checked once per trigger and statement: flinfo lives as long
 * as the statement's executor state, in which the table's columns and
 * triggers cannot change.
 */
static const resolved_columns *
columns_of(FunctionCallInfo fcinfo)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	resolved_columns *rc = (resolved_columns *) fcinfo->flinfo->fn_extra;

	if (rc == NULL || rc->tgoid != td->tg_trigger->tgoid ||
		rc->relid != RelationGetRelid(td->tg_relation))
	{
		if (rc == NULL)
			rc = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(resolved_columns));
		rc->tgoid = InvalidOid;
		rc->ncols = resolve_columns(td, rc->attnums);
		check_later_triggers(td);
		rc->tgoid = td->tg_trigger->tgoid;
		rc->relid = RelationGetRelid(td->tg_relation);
		fcinfo->flinfo->fn_extra = rc;
	}
	return rc;
}

/* The decision for the row's source columns, or an error. */
static void
decide_row(TriggerData *td, HeapTuple tuple, const resolved_columns *rc, dcv_outcome *out)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	bool		isnull[NUM_COLS];
	Datum		values[NUM_COLS];
	ErrorContextCallback errcb;

	for (int i = 0; i < NUM_COLS; i++)
	{
		isnull[i] = true;
		values[i] = (Datum) 0;
		if (i < rc->ncols && i != COL_RECIPIENTS && i != COL_RULE)
			values[i] = heap_getattr(tuple, rc->attnums[i], desc, &isnull[i]);
	}

	errcb.callback = trigger_context;
	errcb.arg = (void *) RelationGetRelationName(td->tg_relation);
	errcb.previous = error_context_stack;
	error_context_stack = &errcb;

	if (isnull[COL_PRODUCT] || isnull[COL_DOMAIN])
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("the order has no %s", isnull[COL_PRODUCT] ? "product" : "domain"),
				 errdetail("Column \"%s\" is NULL; the recipients cannot be decided without it.",
						   NameStr(TupleDescAttr(desc, rc->attnums[isnull[COL_PRODUCT] ? COL_PRODUCT : COL_DOMAIN] - 1)->attname))));

	/* subdomain e-mails only when the row's column says true (NULL: false) */
	dcv_decide_sql(DatumGetTextPP(values[COL_PRODUCT]), DatumGetTextPP(values[COL_DOMAIN]),
				   isnull[COL_DESIGNATED] ? NULL : DatumGetArrayTypeP(values[COL_DESIGNATED]),
				   isnull[COL_WHOIS] ? NULL : DatumGetArrayTypeP(values[COL_WHOIS]),
				   !isnull[COL_AS_OF], isnull[COL_AS_OF] ? 0 : DatumGetDateADT(values[COL_AS_OF]),
				   !isnull[COL_SUBDOMAINS] && DatumGetBool(values[COL_SUBDOMAINS]),
				   isnull[COL_DNS] ? NULL : DatumGetArrayTypeP(values[COL_DNS]),
				   out);
	if (!out->ok)
		dcv_raise(&out->report);
	error_context_stack = errcb.previous;
}

Datum
dcv_recipient_trigger(PG_FUNCTION_ARGS)
{
	HeapTuple	tuple = fired_row(fcinfo);
	TriggerData *td = (TriggerData *) fcinfo->context;
	const resolved_columns *rc = columns_of(fcinfo);
	dcv_outcome out;
	int			setcols[2];
	Datum		setvals[2];
	bool		setnulls[2] = {false, false};

	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event) && !needs_decision(td, rc->attnums, rc->ncols))
		return PointerGetDatum(tuple);

	decide_row(td, tuple, rc, &out);

	setcols[0] = rc->attnums[COL_RECIPIENTS];
	setvals[0] = PointerGetDatum(dcv_recipients_array(&out.decision));
	if (rc->ncols > COL_RULE)
	{
		setcols[1] = rc->attnums[COL_RULE];
		setvals[1] = CStringGetTextDatum(dcv_rule_name(out.decision.rule));
	}
	return PointerGetDatum(heap_modify_tuple_by_cols(tuple, RelationGetDescr(td->tg_relation),
													 rc->ncols > COL_RULE ? 2 : 1,
													 setcols, setvals, setnulls));
}
