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

static void
set_report(dcv_report *r, int sqlstate, char *message, char *detail, char *hint)
{
	r->sqlstate = sqlstate;
	r->message = message;
	r->detail = detail;
	r->hint = hint;
}

/* An element of an array as given (database encoding), for a message. */
static char *
show_element(const dcv_str *s)
{
	return dcv_show_cstr(s->ptr, (int) s->len);
}

void
dcv_decide_sql(text *product, text *domain, ArrayType *designated,
			   ArrayType *whois, bool has_as_of, DateADT as_of,
			   bool subdomains, dcv_outcome *out)
{
	dcv_product_info p;
	dcv_decision_in in;
	dcv_error	err;
	dcv_str    *des = NULL,
			   *des_given = NULL,
			   *who = NULL;
	size_t		n_des = 0,
				n_who = 0;
	char	   *problem;
	dcv_report *r = &out->report;

	memset(out, 0, sizeof(*out));
	p = dcv_lookup_product(VARDATA_ANY(product), VARSIZE_ANY_EXHDR(product));
	if (!p.found)
	{
		set_report(r, ERRCODE_DCV_UNKNOWN_PRODUCT,
				   psprintf("unknown product \"%s\"", dcv_show(product)),
				   pstrdup("No row of dcv_product has this code (codes match case-insensitively)."),
				   pstrdup("Classify it with INSERT INTO dcv_product (code, line, brand, validation) VALUES (code, 'dv' or 'ov_ev', brand, 'DV', 'OV' or 'EV')."));
		return;
	}
	out->line = p.line;
	out->line_known = true;

	if ((designated &&
		 !dcv_array_utf8(designated, &des, &des_given, &n_des, "designated", &problem)) ||
		(whois && !dcv_array_utf8(whois, &who, NULL, &n_who, "whois_emails", &problem)))
	{
		set_report(r, ERRCODE_ARRAY_SUBSCRIPT_ERROR, problem, pstrdup(DCV_ARRAY_DETAIL), NULL);
		return;
	}

	in.line = p.line;
	in.era = has_as_of ? dcv_era_on(as_of) : DCV_ERA_NOTICE;
	in.subdomains = subdomains;
	in.domain = dcv_text_utf8(domain);
	in.designated = des;
	in.n_designated = n_des;
	in.whois = whois ? who : NULL;
	in.n_whois = n_who;

	if (dcv_decide(&in, &dcv_palloc, &out->decision, &err) == DCV_OK)
	{
		out->ok = true;
		return;
	}

	switch (err.status)
	{
		case DCV_ERR_DOMAIN:
		case DCV_ERR_PUBLIC_SUFFIX:
			dcv_domain_report(&err, dcv_show(domain), r);
			break;
		case DCV_ERR_DESIGNATED_UNUSABLE:
			set_report(r, ERRCODE_DCV_INVALID_EMAIL,
					   psprintf("designated address \"%s\" is not usable",
								show_element(&des_given[err.index])),
					   dcv_sentence(err.detail), NULL);
			break;
		case DCV_ERR_NOT_CANDIDATE:
			set_report(r, ERRCODE_DCV_NOT_CANDIDATE,
					   psprintf("designated address \"%s\" is not a DCV candidate for \"%s\"",
								show_element(&des_given[err.index]), dcv_show(domain)),
					   dcv_sentence(err.detail),
					   pstrdup("dcv_candidates(domain, whois_emails) lists the candidates."));
			break;
		case DCV_ERR_NO_DESIGNATED:
			set_report(r, ERRCODE_DCV_NO_DESIGNATED,
					   psprintf("product \"%s\" needs a designated address", dcv_show(product)),
					   dcv_sentence(err.detail),
					   pstrdup("Choose the approver e-mail among dcv_candidates(domain, whois_emails)."));
			break;
		case DCV_ERR_NO_EMAIL_METHOD:
			set_report(r, ERRCODE_DCV_NO_EMAIL_METHOD,
					   psprintf("no e-mail DCV method is in force on %s",
								dcv_iso_date(as_of)),
					   psprintf("Ballot SC-090 ended e-mail to constructed addresses (BR 3.2.2.4.4), the last e-mail method, on %s.",
								dcv_sc090_date()),
					   pstrdup("The dates are in dcv_rule_date."));
			break;
		default:
			set_report(r, ERRCODE_INTERNAL_ERROR,
					   psprintf("could not decide the recipients for \"%s\"", dcv_show(domain)),
					   dcv_sentence(err.detail), NULL);
			break;
	}
}

/* Arguments as dcv_default_recipient and dcv_decision take them. */
static void
decide_args(FunctionCallInfo fcinfo, dcv_outcome *out)
{
	dcv_decide_sql(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1),
				   PG_ARGISNULL(2) ? NULL : PG_GETARG_ARRAYTYPE_P(2),
				   PG_ARGISNULL(3) ? NULL : PG_GETARG_ARRAYTYPE_P(3),
				   !PG_ARGISNULL(4), PG_ARGISNULL(4) ? 0 : PG_GETARG_DATEADT(4),
				   !PG_ARGISNULL(5) && PG_GETARG_BOOL(5), out);
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
	Datum		values[4];
	bool		nulls[4] = {true, true, true, true};
	dcv_outcome out;

	/* the row type, looked up once per query */
	desc = (TupleDesc) fcinfo->flinfo->fn_extra;
	if (desc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "dcv_decision: return type must be a row type");
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
