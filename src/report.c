/*
 * report.c
 *		The one place where a status of the core becomes an error report:
 *		SQLSTATE, message, detail and hint, and where a report is raised.
 */
#include "dcv.h"

/* A core detail ("the name is empty") as a sentence ("The name is empty."). */
char *
dcv_sentence(const char *detail)
{
	char	   *s = psprintf("%s.", detail);

	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] += 'A' - 'a';
	return s;
}

static void
set_report(dcv_report *r, int sqlstate, char *message, char *detail, char *hint)
{
	r->sqlstate = sqlstate;
	r->message = message;
	r->detail = detail;
	r->hint = hint;
}

void
dcv_report_for(const dcv_error *err, const dcv_subject *what, dcv_report *r)
{
	char	   *detail = dcv_sentence(err->detail);

	switch (err->status)
	{
		case DCV_ERR_PUBLIC_SUFFIX:
			set_report(r, ERRCODE_DCV_PUBLIC_SUFFIX,
					   psprintf("domain name \"%s\" has no base domain", what->domain),
					   detail,
					   pstrdup("Orders are for names below a public suffix, such as example.co.jp below co.jp."));
			break;
		case DCV_ERR_DOMAIN:
			set_report(r, ERRCODE_DCV_INVALID_DOMAIN,
					   psprintf("invalid domain name \"%s\"", what->domain), detail, NULL);
			break;
		case DCV_ERR_EMAIL:
			set_report(r, ERRCODE_DCV_INVALID_EMAIL,
					   psprintf("invalid e-mail address \"%s\"", what->email), detail, NULL);
			break;
		case DCV_ERR_DESIGNATED_UNUSABLE:
			set_report(r, ERRCODE_DCV_INVALID_EMAIL,
					   psprintf("designated address \"%s\" is not usable", what->email), detail, NULL);
			break;
		case DCV_ERR_NOT_CANDIDATE:
			set_report(r, ERRCODE_DCV_NOT_CANDIDATE,
					   psprintf("designated address \"%s\" is not a DCV candidate for \"%s\"",
								what->email, what->domain),
					   detail,
					   pstrdup("dcv_candidates(domain, whois_emails, subdomains, dns_records) lists the candidates."));
			break;
		case DCV_ERR_NO_DESIGNATED:
			set_report(r, ERRCODE_DCV_NO_DESIGNATED,
					   psprintf("product \"%s\" needs a designated address", what->product),
					   detail,
					   pstrdup("Choose the approver e-mail among dcv_candidates(domain, whois_emails, subdomains, dns_records)."));
			break;
		case DCV_ERR_NO_EMAIL_METHOD:
			set_report(r, ERRCODE_DCV_NO_EMAIL_METHOD,
					   psprintf("no e-mail DCV method is in force on %s", what->date),
					   psprintf("Ballot SC-090 ended the e-mail methods, to constructed addresses (BR 3.2.2.4.4) and to contacts published in DNS (BR 3.2.2.4.13, 3.2.2.4.14), on %s.",
								dcv_sc090_date()),
					   pstrdup("The dates are in dcv_rule_date."));
			break;
		default:
			set_report(r, ERRCODE_INTERNAL_ERROR,
					   what->product
					   ? psprintf("could not decide the recipients for \"%s\"", what->domain)
					   : psprintf("could not process domain name \"%s\"",
								  what->domain ? what->domain : ""),
					   detail, NULL);
			break;
	}
}

void
dcv_report_unknown_product(const char *shown, dcv_report *r)
{
	set_report(r, ERRCODE_DCV_UNKNOWN_PRODUCT,
			   psprintf("unknown product \"%s\"", shown),
			   pstrdup("No row of dcv_product has this code (codes match case-insensitively)."),
			   pstrdup("Classify it with INSERT INTO dcv_product (code, line, brand, validation) VALUES (code, 'dv' or 'ov_ev', brand, 'DV', 'OV' or 'EV')."));
}

void
dcv_report_array(const char *problem, dcv_report *r)
{
	set_report(r, ERRCODE_ARRAY_SUBSCRIPT_ERROR, pstrdup(problem),
			   pstrdup(strncmp(problem, "dns_records", 11) == 0
					   ? "The DNS records are a one-dimensional array of text, one record an element."
					   : "The WHOIS and designated addresses are one-dimensional arrays of text, one address an element."),
			   NULL);
}

void
dcv_raise(const dcv_report *r)
{
	ereport(ERROR,
			(errcode(r->sqlstate),
			 errmsg_internal("%s", r->message),
			 r->detail ? errdetail_internal("%s", r->detail) : 0,
			 r->hint ? errhint("%s", r->hint) : 0));
	pg_unreachable();
}

void
dcv_raise_for(const dcv_error *err, const dcv_subject *what)
{
	dcv_report	r;

	dcv_report_for(err, what, &r);
	dcv_raise(&r);
}
