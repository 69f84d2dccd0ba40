/*
 * decision.c
 *		SQL functions dcv_default_recipient and dcv_decision: the product's
 *		line from the cache, the rules in force on a date, the core's decision.
 */
#include "dcv.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(dcv_default_recipient_sql);
PG_FUNCTION_INFO_V1(dcv_decision_sql);

/* An element of an array as given (database encoding), for a message. */
static char *
show_element(const dcv_str *s)
{
	return dcv_show_cstr(s->ptr, (int) s->len);
}

void
dcv_decide_sql(text *product, text *domain, ArrayType *designated,
			   ArrayType *whois, bool has_as_of, DateADT as_of,
			   bool subdomains, ArrayType *dns, dcv_outcome *out)
{
	dcv_product_info p;
	dcv_decision_in in;
	dcv_error	err;
	dcv_str    *des = NULL,
			   *des_given = NULL,
			   *who = NULL,
			   *recs = NULL;
	size_t		n_des = 0,
				n_who = 0,
				n_recs = 0;
	char	   *problem;
	dcv_report *r = &out->report;

	memset(out, 0, sizeof(*out));
	p = dcv_lookup_product(VARDATA_ANY(product), VARSIZE_ANY_EXHDR(product));
	if (!p.found)
	{
		dcv_report_unknown_product(dcv_show(product), r);
		return;
	}
	out->line = p.line;
	out->line_known = true;

	if ((designated &&
		 !dcv_array_utf8(designated, &des, &des_given, &n_des, "designated", &problem)) ||
		(whois && !dcv_array_utf8(whois, &who, NULL, &n_who, "whois_emails", &problem)) ||
		(dns && !dcv_array_utf8(dns, &recs, NULL, &n_recs, "dns_records", &problem)))
	{
		dcv_report_array(problem, r);
		return;
	}

	in.line = p.line;
	in.era = has_as_of ? dcv_era_on(as_of) : DCV_ERA_NOTICE;
	/* the copy of the tables dcv_era_on just checked */
	in.dns_allowed = !has_as_of || dcv_dns_allowed_on(as_of);
	out->discouraged = has_as_of && dcv_discouraged_on(as_of);
	in.subdomains = subdomains;
	in.domain = dcv_text_utf8(domain);
	in.designated = des;
	in.n_designated = n_des;
	in.whois = whois ? who : NULL;
	in.n_whois = n_who;
	in.dns = dns ? recs : NULL;
	in.n_dns = n_recs;

	if (dcv_decide(&in, &dcv_palloc, &out->decision, &err) == DCV_OK)
	{
		out->ok = true;
		return;
	}

	{
		dcv_subject what = {
			.domain = dcv_show(domain),
			.product = dcv_show(product),
			.email = (err.index >= 0 && des_given) ? show_element(&des_given[err.index]) : NULL,
			.date = has_as_of ? dcv_iso_date(as_of) : NULL,
		};

		dcv_report_for(&err, &what, r);
	}
}

/*
 * Arguments as dcv_default_recipient and dcv_decision take them; a database
 * still at 1.0 calls them without dns_records.
 */
static void
decide_args(FunctionCallInfo fcinfo, dcv_outcome *out)
{
	dcv_decide_sql(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1),
				   PG_ARGISNULL(2) ? NULL : PG_GETARG_ARRAYTYPE_P(2),
				   PG_ARGISNULL(3) ? NULL : PG_GETARG_ARRAYTYPE_P(3),
				   !PG_ARGISNULL(4), PG_ARGISNULL(4) ? 0 : PG_GETARG_DATEADT(4),
				   !PG_ARGISNULL(5) && PG_GETARG_BOOL(5),
				   (PG_NARGS() > 6 && !PG_ARGISNULL(6)) ? PG_GETARG_ARRAYTYPE_P(6) : NULL,
				   out);
}

Datum
dcv_default_recipient_sql(PG_FUNCTION_ARGS)
{
	dcv_outcome out;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	decide_args(fcinfo, &out);
	if (!out.ok)
		dcv_raise(&out.report);
	PG_RETURN_ARRAYTYPE_P(dcv_recipients_array(&out.decision));
}

Datum
dcv_decision_sql(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum		values[5];
	bool		nulls[5] = {true, true, true, true, false};
	dcv_outcome out;

	values[4] = BoolGetDatum(false);

	/* the row type, looked up once per query */
	desc = (TupleDesc) fcinfo->flinfo->fn_extra;
	if (desc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		/* 4 attributes in a database still at 1.0, 5 (discouraged) since */
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE ||
			desc->natts < 4 || desc->natts > 5)
			elog(ERROR, "dcv_decision: return type must be a row type of 4 or 5 attributes");
		desc = BlessTupleDesc(CreateTupleDescCopy(desc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = desc;
	}

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
	{
		values[3] = CStringGetTextDatum(PG_ARGISNULL(0) ? "product is NULL" : "domain is NULL");
		nulls[3] = false;
	}
	else
	{
		decide_args(fcinfo, &out);
		if (out.line_known)
		{
			values[2] = CStringGetTextDatum(out.line == DCV_LINE_DV ? "dv" : "ov_ev");
			nulls[2] = false;
		}
		values[4] = BoolGetDatum(out.ok && out.discouraged);
		if (out.ok)
		{
			values[0] = PointerGetDatum(dcv_recipients_array(&out.decision));
			values[1] = CStringGetTextDatum(dcv_rule_name(out.decision.rule));
			nulls[0] = nulls[1] = false;
		}
		else
		{
			values[3] = CStringGetTextDatum(out.report.message);
			nulls[3] = false;
		}
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
