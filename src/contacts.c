/*
 * contacts.c
 *		SQL function dcv_dns_contacts: what each DNS record the order system
 *		found gives an order (doc/rules.md, "DNS-published contacts").
 */
#include "dcv.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(dcv_dns_contacts_sql);

static const char *
source_of(const dcv_dns_row *row)
{
	if (row->owner == NULL)
		return NULL;
	switch (row->type)
	{
		case DCV_RR_TXT:
			return dcv_source_name(DCV_SRC_DNS_TXT);
		case DCV_RR_CAA:
			return dcv_source_name(DCV_SRC_CAA);
		case DCV_RR_CNAME:
			return "cname";
	}
	return NULL;
}

Datum
dcv_dns_contacts_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *domain;
	dcv_str		d;
	dcv_domain	dom;
	dcv_error	err;
	dcv_str    *recs,
			   *given;
	size_t		n;
	char	   *problem;
	dcv_dns_result res;
	MemoryContext row_cxt,
				old;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return (Datum) 0;
	domain = PG_GETARG_TEXT_PP(0);
	d = dcv_text_utf8(domain);
	if (dcv_domain_analyze(d.ptr, d.len, &dom, &err) != DCV_OK)
	{
		dcv_subject what = {.domain = dcv_show(domain)};

		dcv_raise_for(&err, &what);
	}
	if (!dcv_array_utf8(PG_GETARG_ARRAYTYPE_P(1), &recs, &given, &n, "dns_records", &problem))
	{
		dcv_report	r;

		dcv_report_array(problem, &r);
		dcv_raise(&r);
	}
	dcv_dns_contacts(&dom, recs, n, &dcv_palloc, &res);
	/* a row's values live until the tuplestore has copied them */
	row_cxt = AllocSetContextCreate(CurrentMemoryContext, "dcv_dns_contacts row",
									ALLOCSET_SMALL_SIZES);
	for (size_t i = 0; i < n; i++)
	{
		const dcv_dns_row *row = &res.rows[i];
		const char *source = source_of(row);
		Datum		values[5];
		bool		nulls[5] = {row->email == NULL, source == NULL, row->owner == NULL,
		false, row->problem == NULL};

		DCV_TICK(i);
		old = MemoryContextSwitchTo(row_cxt);
		values[0] = row->email ? CStringGetTextDatum(row->email) : (Datum) 0;
		values[1] = source ? CStringGetTextDatum(source) : (Datum) 0;
		values[2] = row->owner ? CStringGetTextDatum(row->owner[0] ? row->owner : ".") : (Datum) 0;
		values[3] = PointerGetDatum(cstring_to_text_with_len(given[i].ptr, (int) given[i].len));
		values[4] = row->problem ? CStringGetTextDatum(dcv_sentence(row->problem)) : (Datum) 0;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(old);
		MemoryContextReset(row_cxt);
	}
	MemoryContextDelete(row_cxt);
	return (Datum) 0;
}
