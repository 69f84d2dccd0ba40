/*
 * candidates.c
 *		SQL functions dcv_candidates and dcv_is_candidate.
 */
#include "dcv.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(dcv_candidates_sql);
PG_FUNCTION_INFO_V1(dcv_is_candidate_sql);

/*
 * Analyses the domain and builds the candidates, or raises.  Without a date,
 * the contacts the records publish are candidates.
 */
static void
build(text *domain, ArrayType *whois_arr, bool subdomains, ArrayType *dns_arr,
	  dcv_domain *dom, dcv_candidates *c)
{
	dcv_str		d = dcv_text_utf8(domain);
	dcv_str    *whois = NULL,
			   *recs = NULL;
	size_t		n_whois = 0,
				n_recs = 0;
	dcv_dns_result dns;
	dcv_error	err;
	char	   *problem;

	if (dcv_domain_analyze(d.ptr, d.len, dom, &err) != DCV_OK)
	{
		dcv_subject what = {.domain = dcv_show(domain)};

		dcv_raise_for(&err, &what);
	}
	if (whois_arr && !dcv_array_utf8(whois_arr, &whois, NULL, &n_whois, "whois_emails", &problem))
	{
		dcv_report	r;

		dcv_report_array(problem, &r);
		dcv_raise(&r);
	}
	if (dns_arr && !dcv_array_utf8(dns_arr, &recs, NULL, &n_recs, "dns_records", &problem))
	{
		dcv_report	r;

		dcv_report_array(problem, &r);
		dcv_raise(&r);
	}
	if (dns_arr)
		dcv_dns_contacts_only(dom, recs, n_recs, &dcv_palloc, &dns);
	dcv_build_candidates_dns(dom, whois, n_whois, dns_arr ? &dns : NULL, subdomains,
							 &dcv_palloc, c);
}

/* The optional last argument (absent in a database still at 1.0). */
static ArrayType *
dns_arg(FunctionCallInfo fcinfo, int n)
{
	return (PG_NARGS() > n && !PG_ARGISNULL(n)) ? PG_GETARG_ARRAYTYPE_P(n) : NULL;
}

Datum
dcv_candidates_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	dcv_domain	dom;
	dcv_candidates c;

	/* the declared row type, made once per query, not once per call */
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	build(PG_GETARG_TEXT_PP(0), PG_ARGISNULL(1) ? NULL : PG_GETARG_ARRAYTYPE_P(1),
		  !PG_ARGISNULL(2) && PG_GETARG_BOOL(2), dns_arg(fcinfo, 3), &dom, &c);
	for (size_t i = 0; i < c.n; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		DCV_TICK(i);
		values[0] = CStringGetTextDatum(c.items[i].email);
		values[1] = CStringGetTextDatum(dcv_source_name(c.items[i].source));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

Datum
dcv_is_candidate_sql(PG_FUNCTION_ARGS)
{
	dcv_domain	dom;
	dcv_candidates c;
	dcv_str		e;
	char		norm[DCV_EMAIL_BUF];
	size_t		len;
	dcv_error	err;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	build(PG_GETARG_TEXT_PP(0), PG_ARGISNULL(1) ? NULL : PG_GETARG_ARRAYTYPE_P(1),
		  !PG_ARGISNULL(3) && PG_GETARG_BOOL(3), dns_arg(fcinfo, 4), &dom, &c);
	if (PG_ARGISNULL(2))
		PG_RETURN_BOOL(false);
	e = dcv_text_utf8(PG_GETARG_TEXT_PP(2));
	if (dcv_normalize_email(e.ptr, e.len, norm, &len, &err) != DCV_OK)
		PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(dcv_candidates_contain(&c, norm));
}
