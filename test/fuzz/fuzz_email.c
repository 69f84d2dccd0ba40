/*
 * fuzz_email.c
 *		libFuzzer harness: normal form of an e-mail address.
 *
 * The whole input is one address as a WHOIS record or a customer might give
 * it.  Properties checked (abort on violation):
 *	- an output is a normal-form address: lowercase dot-atom local part of
 *	  1..64 octets without "!" or "%", exactly one "@", a host name of two
 *	  labels or more without a wildcard; *outlen is its length;
 *	- the normal form is idempotent;
 *	- it is the input's own address: after trimming white space the input
 *	  has exactly one ASCII "@", the output's local part is the input's
 *	  lowercased byte for byte, and its domain is what dcv_normalize_domain
 *	  (and dcv_normalize_domain_slow) make of the input's domain part;
 *	- a failure is DCV_ERR_EMAIL with a detail, and an input refused by
 *	  both domain paths or holding "!"/"%" before the "@" always fails;
 *	- the answer is the same without an error struct (err NULL), and the
 *	  same on a second call (the core remembers domain parts).
 */
#include "fuzz_common.h"

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *) data;
	char		out[DCV_EMAIL_BUF],
				again[DCV_EMAIL_BUF];
	size_t		outlen = 0,
				againlen = 0;
	dcv_error	err;
	dcv_status	st;
	const char *why = NULL;
	const char *t = in;
	size_t		tlen = size;
	const char *at;

	memset(out, 0, sizeof(out));
	st = dcv_normalize_email(in, size, out, &outlen, &err);

	/* the input trimmed as RULES.md says, for the cross-checks */
	while (tlen > 0 && is_space((unsigned char) t[0]))
		t++, tlen--;
	while (tlen > 0 && is_space((unsigned char) t[tlen - 1]))
		tlen--;
	at = memchr(t, '@', tlen);

	/* the same answer when the caller wants no error detail */
	{
		char		quiet[DCV_EMAIL_BUF];
		size_t		quietlen = 0;
		dcv_status	sq = dcv_normalize_email(in, size, quiet, &quietlen, NULL);

		FUZZ_CHECK(sq == st && (st != DCV_OK ||
								(quietlen == outlen && memcmp(quiet, out, outlen + 1) == 0)),
				   "%s: status %d / \"%s\" with an error struct, %d / \"%s\" without",
				   fuzz_show(in, size), st, st == DCV_OK ? out : "",
				   sq, sq == DCV_OK ? quiet : "");
	}

	if (st != DCV_OK)
	{
		FUZZ_CHECK(st == DCV_ERR_EMAIL, "%s fails with status %d, not DCV_ERR_EMAIL",
				   fuzz_show(in, size), st);
		FUZZ_CHECK(memchr(err.detail, '\0', sizeof(err.detail)) != NULL &&
				   err.detail[0] != '\0',
				   "%s fails without a detail", fuzz_show(in, size));
		return 0;
	}

	FUZZ_CHECK(fuzz_is_email(out, &why), "normal form \"%s\" of %s is not an address: %s",
			   out, fuzz_show(in, size), why);
	FUZZ_CHECK(outlen == strlen(out), "length %zu given for \"%s\"", outlen, out);
	FUZZ_CHECK(size <= DCV_INPUT_MAX, "an input of %zu bytes was accepted", size);

	/* idempotent */
	st = dcv_normalize_email(out, outlen, again, &againlen, &err);
	FUZZ_CHECK(st == DCV_OK && strcmp(again, out) == 0 && againlen == outlen,
			   "not idempotent: %s -> \"%s\" -> %s", fuzz_show(in, size), out,
			   st == DCV_OK ? again : err.detail);

	/* the output is the input's own address */
	FUZZ_CHECK(at != NULL && memchr(at + 1, '@', tlen - (size_t) (at - t) - 1) == NULL,
			   "%s accepted without exactly one ASCII \"@\"", fuzz_show(in, size));
	{
		size_t		llen = (size_t) (at - t);
		const char *oat = strchr(out, '@');
		char		dom[DCV_DOMAIN_BUF],
					dom_slow[DCV_DOMAIN_BUF];
		bool		wc;
		dcv_error	e;
		dcv_status	sd,
					sds;

		FUZZ_CHECK((size_t) (oat - out) == llen,
				   "local part of %s changed length in \"%s\"", fuzz_show(in, size), out);
		for (size_t i = 0; i < llen; i++)
		{
			unsigned char c = (unsigned char) t[i];
			char		lc = (char) ((c >= 'A' && c <= 'Z') ? c + 32 : c);

			FUZZ_CHECK(out[i] == lc, "local part of %s is not kept in \"%s\"",
					   fuzz_show(in, size), out);
			FUZZ_CHECK(c != '!' && c != '%', "route character accepted in %s",
					   fuzz_show(in, size));
		}
		sd = dcv_normalize_domain(at + 1, tlen - llen - 1, false, dom, &wc, &e);
		sds = dcv_normalize_domain_slow(at + 1, tlen - llen - 1, false, dom_slow, &wc, &e);
		FUZZ_CHECK(sd == DCV_OK && sds == DCV_OK,
				   "%s accepted though its domain part is refused (%d/%d)",
				   fuzz_show(in, size), sd, sds);
		FUZZ_CHECK(strcmp(dom, oat + 1) == 0 && strcmp(dom_slow, oat + 1) == 0,
				   "domain of \"%s\" is not the normal form \"%s\" of the domain part of %s",
				   out, dom, fuzz_show(in, size));
	}
	return 0;
}
