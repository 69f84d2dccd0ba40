/*
 * psl_setting.c
 *		The setting dcv.public_suffix_list (the Public Suffix List a DBA
 *		chooses) and dcv_psl_info(), which says which list is in force.
 *
 * The setting is read from postgresql.conf (PGC_SIGHUP: a reload applies it,
 * only a superuser can change it).  Each backend reads the file whole when
 * the setting takes a new value; a file that cannot be used changes nothing
 * (the list in force stays: the one read before, or libpsl's built-in list)
 * and is reported by a WARNING and by dcv_psl_info().problem, never by an
 * error in a decision.
 */
#include "dcv.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/guc.h"

PG_FUNCTION_INFO_V1(dcv_psl_info_sql);

void		_PG_init(void);

static char *psl_setting = NULL;

/* Why the last value of the setting is not the list in force, or "". */
static char psl_problem[DCV_DETAIL_BUF + 1024];

static void
assign_psl(const char *newval, void *extra)
{
	char		problem[sizeof(psl_problem)];

	if (dcv_psl_use(newval, problem, sizeof(problem)))
		psl_problem[0] = '\0';
	else
	{
		dcv_psl_list now;

		dcv_psl_describe(&now);
		snprintf(psl_problem, sizeof(psl_problem), "%s; the list in force is still %s",
				 problem, now.source);
		ereport(WARNING,
				(errmsg("dcv.public_suffix_list: %s", problem),
				 errdetail("The list in force is still %s.", now.source)));
	}
}

void
_PG_init(void)
{
	DefineCustomStringVariable("dcv.public_suffix_list",
							   "Public Suffix List file for base domains; empty: the list libpsl was built with.",
							   "The ICANN section of the file decides base domains. Change it in postgresql.conf and reload.",
							   &psl_setting,
							   "",
							   PGC_SIGHUP,
							   0,
							   NULL, assign_psl, NULL);
	MarkGUCPrefixReserved("dcv");
}

/* The Unix time t as a date (UTC). */
static DateADT
unix_date(long t)
{
	return (DateADT) ((t / SECS_PER_DAY) - (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE));
}

/* A YYYY-MM-DD the list says, read without DateStyle; false if it is none. */
static bool
iso_date(const char *s, DateADT *d)
{
	int			y,
				m,
				day;
	char		rest;

	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &day, &rest) != 3 ||
		m < 1 || m > 12 || day < 1 || day > 31)
		return false;
	*d = date2j(y, m, day) - POSTGRES_EPOCH_JDATE;
	return true;
}

Datum
dcv_psl_info_sql(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};
	dcv_psl_list l;
	DateADT		d;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "dcv_psl_info: return type must be a row type");
	desc = BlessTupleDesc(desc);
	dcv_psl_describe(&l);
	values[0] = CStringGetTextDatum(l.source);
	if (iso_date(l.date, &d))
		values[1] = DateADTGetDatum(d);
	else if (l.time >= 0)
		values[1] = DateADTGetDatum(unix_date(l.time));
	else
		nulls[1] = true;
	values[2] = Int32GetDatum(l.rules);
	nulls[2] = l.rules < 0;
	values[3] = Int32GetDatum(l.icann_rules);
	nulls[3] = l.icann_rules < 0;
	values[4] = CStringGetTextDatum(psl_problem);
	nulls[4] = psl_problem[0] == '\0';
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
