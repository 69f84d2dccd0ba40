/*
 * normal.c
 *		SQL functions for normal forms: dcv_normalize_domain, dcv_base_domain,
 *		dcv_normalize_email, dcv_email_problem.
 */
#include "dcv.h"

#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(dcv_normalize_domain_sql);
PG_FUNCTION_INFO_V1(dcv_base_domain_sql);
PG_FUNCTION_INFO_V1(dcv_normalize_email_sql);
PG_FUNCTION_INFO_V1(dcv_email_problem_sql);

static pg_attribute_noreturn() void
domain_error(const dcv_error *err, text *t)
{
	dcv_subject what = {.domain = dcv_show(t)};

	dcv_raise_for(err, &what);
}

Datum
dcv_normalize_domain_sql(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	dcv_str		s = dcv_text_utf8(t);
	char		out[DCV_DOMAIN_BUF];
	bool		wc;
	dcv_error	err;

	if (dcv_normalize_domain(s.ptr, s.len, true, out, &wc, &err) != DCV_OK)
		domain_error(&err, t);
	PG_RETURN_TEXT_P(cstring_to_text(out));
}

Datum
dcv_base_domain_sql(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	dcv_str		s = dcv_text_utf8(t);
	dcv_domain	d;
	dcv_error	err;

	if (dcv_domain_analyze(s.ptr, s.len, &d, &err) != DCV_OK)
		domain_error(&err, t);
	PG_RETURN_TEXT_P(cstring_to_text(d.base));
}

/* The normal form of an address into out, or false with *err set. */
static bool
normal_email(text *t, char *out, dcv_error *err)
{
	dcv_str		s = dcv_text_utf8(t);
	size_t		len;

	return dcv_normalize_email(s.ptr, s.len, out, &len, err) == DCV_OK;
}

Datum
dcv_normalize_email_sql(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	char		out[DCV_EMAIL_BUF];
	dcv_error	err;

	if (!normal_email(t, out, &err))
	{
		dcv_subject what = {.email = dcv_show(t)};

		dcv_raise_for(&err, &what);
	}
	PG_RETURN_TEXT_P(cstring_to_text(out));
}

Datum
dcv_email_problem_sql(PG_FUNCTION_ARGS)
{
	char		out[DCV_EMAIL_BUF];
	dcv_error	err;

	if (PG_ARGISNULL(0))
		PG_RETURN_TEXT_P(cstring_to_text("The address is NULL."));
	if (normal_email(PG_GETARG_TEXT_PP(0), out, &err))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(dcv_sentence(err.detail)));
}
