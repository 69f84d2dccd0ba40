/*
 * fuzz_domain.c
 *		libFuzzer harness: normal form of a domain name and its base domain.
 *
 * The whole input is one applied domain.  Properties checked (abort on
 * violation):
 *	- the fast path (dcv_normalize_domain) and the libidn2-only path
 *	  (dcv_normalize_domain_slow) agree: both succeed with the same output
 *	  and wildcard flag, or both fail, with and without wildcards allowed;
 *	- an output is a lowercase ASCII host name (LDH labels of 1..63 octets,
 *	  at most 253 octets), with "*." in front only where allowed and only
 *	  when the wildcard flag says so;
 *	- the normal form is idempotent, on both paths;
 *	- forbidding wildcards changes nothing but the wildcard case;
 *	- dcv_base_domain and dcv_base_domain_slow agree (status and output),
 *	  twice in a row (the second answer comes from the memo);
 *	- the base domain is a whole-label suffix of the name, is no public
 *	  suffix itself and is one label plus an ICANN public suffix (libpsl
 *	  asked directly, with the list file), and is its own base domain;
 *	- dcv_domain_analyze agrees with the functions above, and
 *	  dcv_normalize_domain answers the same without an error struct;
 *	- an accepted name, decoded by libidn2 (not by dcv's decoder), holds
 *	  none of U+2260, U+226E, U+226F and, when it has an R, AL or AN
 *	  character, every label meets the six rules of RFC 5893 (restated here
 *	  from the RFC, with libunistring's Bidi classes).
 */
#include "fuzz_common.h"

#include <idn2.h>
#include <libpsl.h>
#include <unictype.h>
#include <unistr.h>

/*
 * Whether s is a public suffix of the ICANN section by the list file, which
 * decides (doc/rules.md, Base domains), rather than by libpsl's built-in
 * data, which calls every "x.m" one (libpsl 0.21.2); the built-in data only
 * when the file cannot be read.
 */
static bool
icann_suffix(const char *s)
{
	static const psl_ctx_t *ctx;

	if (ctx == NULL &&
		(ctx = psl_load_file("/usr/share/publicsuffix/public_suffix_list.dat")) == NULL)
		ctx = psl_builtin();
	return psl_is_public_suffix2(ctx, s, PSL_TYPE_ICANN) != 0;
}

static bool
is_ok(dcv_status st)
{
	return st == DCV_OK;
}

/* Normalizes on both paths and checks that they agree; returns the status. */
static dcv_status
normalize_both(const char *in, size_t len, bool allow_wildcard, char *out,
			   bool *wildcard)
{
	char		slow[DCV_DOMAIN_BUF];
	bool		wc_slow = false;
	dcv_error	e1,
				e2;
	dcv_status	st,
				st_slow;

	memset(out, 0, DCV_DOMAIN_BUF);
	*wildcard = false;
	st = dcv_normalize_domain(in, len, allow_wildcard, out, wildcard, &e1);
	st_slow = dcv_normalize_domain_slow(in, len, allow_wildcard, slow, &wc_slow, &e2);

	FUZZ_CHECK(is_ok(st) == is_ok(st_slow),
			   "fast and slow paths disagree on %s (wildcards %s): fast %s, slow %s",
			   fuzz_show(in, len), allow_wildcard ? "allowed" : "refused",
			   is_ok(st) ? fuzz_show(out, strlen(out)) : e1.detail,
			   is_ok(st_slow) ? fuzz_show(slow, strlen(slow)) : e2.detail);
	if (!is_ok(st))
	{
		FUZZ_CHECK(st == DCV_ERR_DOMAIN && st_slow == DCV_ERR_DOMAIN,
				   "failure of %s has statuses %d/%d, not DCV_ERR_DOMAIN",
				   fuzz_show(in, len), st, st_slow);
		FUZZ_CHECK(memchr(e1.detail, '\0', sizeof(e1.detail)) != NULL && e1.detail[0] != '\0',
				   "failure of %s without a detail", fuzz_show(in, len));
		return st;
	}
	FUZZ_CHECK(strcmp(out, slow) == 0 && *wildcard == wc_slow,
			   "fast and slow paths give different normal forms of %s: %s / %s",
			   fuzz_show(in, len), fuzz_show(out, strlen(out)), fuzz_show(slow, strlen(slow)));
	return st;
}

static void
check_base(const char *name)
{
	char		b1[DCV_DOMAIN_BUF],
				b2[DCV_DOMAIN_BUF],
				b3[DCV_DOMAIN_BUF],
				again[DCV_DOMAIN_BUF];
	dcv_error	e1,
				e2,
				e3;
	dcv_status	s1 = dcv_base_domain(name, b1, &e1);
	dcv_status	s2 = dcv_base_domain_slow(name, b2, &e2);
	dcv_status	s3 = dcv_base_domain(name, b3, &e3);

	FUZZ_CHECK(s1 == s2 && s1 == s3,
			   "base domain of \"%s\": statuses fast %d, slow %d, fast again %d",
			   name, s1, s2, s3);
	if (s1 != DCV_OK)
	{
		FUZZ_CHECK(s1 == DCV_ERR_PUBLIC_SUFFIX,
				   "base domain of \"%s\" fails with status %d (%s)", name, s1, e1.detail);
		FUZZ_CHECK(icann_suffix(name),
				   "\"%s\" refused as a public suffix, but libpsl says it is none", name);
		return;
	}
	FUZZ_CHECK(strcmp(b1, b2) == 0 && strcmp(b1, b3) == 0,
			   "base domain of \"%s\": fast \"%s\", slow \"%s\", fast again \"%s\"",
			   name, b1, b2, b3);
	FUZZ_CHECK(fuzz_is_label_suffix(name, b1),
			   "base domain \"%s\" is not a suffix of \"%s\"", b1, name);
	FUZZ_CHECK(strchr(b1, '.') != NULL && !icann_suffix(b1) &&
			   icann_suffix(strchr(b1, '.') + 1),
			   "base domain \"%s\" of \"%s\" is not one label plus a public suffix", b1, name);
	/* no longer suffix of the name is a public suffix */
	for (const char *d = name; strlen(d) > strlen(b1); d = strchr(d, '.') + 1)
		FUZZ_CHECK(!icann_suffix(d),
				   "\"%s\" is a public suffix longer than the base domain \"%s\"", d, b1);
	FUZZ_CHECK(dcv_base_domain(b1, again, &e1) == DCV_OK && strcmp(again, b1) == 0,
			   "base domain \"%s\" is not its own base domain", b1);
}

/* RFC 5893, section 2, on the Bidi classes of one label. */
static bool
bidi_rule_ok(const int *bc, size_t n)
{
	bool		rtl = bc[0] == UC_BIDI_R || bc[0] == UC_BIDI_AL;
	bool		en = false,
				an = false;
	size_t		last = n;

	if (!rtl && bc[0] != UC_BIDI_L)
		return false;			/* rule 1 */
	for (size_t i = 0; i < n; i++)
		switch (bc[i])
		{
			case UC_BIDI_EN:
				en = true;
				break;
			case UC_BIDI_AN:
				an = true;
				/* fall through */
			case UC_BIDI_R:
			case UC_BIDI_AL:
				if (!rtl)
					return false;	/* rule 5 */
				break;
			case UC_BIDI_L:
				if (rtl)
					return false;	/* rule 2 */
				break;
			case UC_BIDI_ES:
			case UC_BIDI_CS:
			case UC_BIDI_ET:
			case UC_BIDI_ON:
			case UC_BIDI_BN:
			case UC_BIDI_NSM:
				break;
			default:
				return false;	/* rules 2 and 5 */
		}
	while (last > 1 && bc[last - 1] == UC_BIDI_NSM)
		last--;
	switch (bc[last - 1])
	{
		case UC_BIDI_EN:
			break;
		case UC_BIDI_L:
			if (rtl)
				return false;	/* rule 3 */
			break;
		case UC_BIDI_R:
		case UC_BIDI_AL:
		case UC_BIDI_AN:
			if (!rtl)
				return false;	/* rule 6 */
			break;
		default:
			return false;		/* rules 3 and 6 */
	}
	return !(rtl && en && an);	/* rule 4 */
}

/*
 * The checks of UTS#46 that libidn2 skips, on an accepted normal form:
 * NULL when they hold (or libidn2 cannot decode it), else the broken one.
 */
static const char *
uts46_violation(const char *name)
{
	int			bc[DCV_DOMAIN_BUF];
	size_t		first[DCV_DOMAIN_BUF + 1],
				n = 0,
				nlabels = 0;
	bool		bidi = false;
	char	   *u = NULL;
	const uint8_t *p;
	const char *why = NULL;

	if (name[0] == '*' && name[1] == '.')
		name += 2;
	if (idn2_to_unicode_8z8z(name, &u, 0) != IDN2_OK)
	{
		free(u);
		return NULL;
	}
	if (strstr(u, "\xE2\x89\xA0") || strstr(u, "\xE2\x89\xAE") || strstr(u, "\xE2\x89\xAF"))
		why = "U+2260, U+226E or U+226F (STD3 rules)";
	first[nlabels++] = 0;
	for (p = (const uint8_t *) u; *p && n < DCV_DOMAIN_BUF && why == NULL;)
	{
		ucs4_t		c;

		p += u8_mbtouc(&c, p, strlen((const char *) p));
		if (c == '.')
			first[nlabels++] = n;
		else
		{
			bc[n] = uc_bidi_class(c);
			bidi |= bc[n] == UC_BIDI_R || bc[n] == UC_BIDI_AL || bc[n] == UC_BIDI_AN;
			n++;
		}
	}
	first[nlabels] = n;
	for (size_t l = 0; bidi && why == NULL && l < nlabels; l++)
		if (first[l + 1] > first[l] && !bidi_rule_ok(bc + first[l], first[l + 1] - first[l]))
			why = "the Bidi rule (RFC 5893)";
	free(u);
	return why;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init_psl_table();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *) data;
	char		out[DCV_DOMAIN_BUF],
				nowc[DCV_DOMAIN_BUF],
				again[DCV_DOMAIN_BUF];
	bool		wc,
				wc_nowc,
				wc_again;
	const char *why = NULL;
	const char *name;
	dcv_status	st;
	dcv_domain	dom;
	dcv_error	err;

	st = normalize_both(in, size, true, out, &wc);

	/* the same answer when the caller wants no error detail */
	{
		char		quiet[DCV_DOMAIN_BUF];
		bool		wc_quiet = false;
		dcv_status	sq = dcv_normalize_domain(in, size, true, quiet, &wc_quiet, NULL);

		FUZZ_CHECK(sq == st && (st != DCV_OK || (strcmp(quiet, out) == 0 && wc_quiet == wc)),
				   "%s: status %d with an error struct, %d without", fuzz_show(in, size), st, sq);
	}

	/* refusing wildcards changes only the wildcard case */
	{
		dcv_status	st2 = normalize_both(in, size, false, nowc, &wc_nowc);

		if (st == DCV_OK && !wc)
			FUZZ_CHECK(st2 == DCV_OK && strcmp(out, nowc) == 0,
					   "%s: \"%s\" with wildcards allowed, not the same without",
					   fuzz_show(in, size), out);
		else
			FUZZ_CHECK(st2 != DCV_OK,
					   "%s accepted as \"%s\" with wildcards refused, but %s with them allowed",
					   fuzz_show(in, size), nowc, st == DCV_OK ? "a wildcard" : "refused");
	}

	/* dcv_domain_analyze must match the pieces */
	{
		dcv_status	sa = dcv_domain_analyze(in, size, &dom, &err);

		if (st != DCV_OK)
			FUZZ_CHECK(sa == st, "dcv_domain_analyze(%s) = %d, normalize said %d",
					   fuzz_show(in, size), sa, st);
	}

	if (st != DCV_OK)
		return 0;

	FUZZ_CHECK(fuzz_is_host(out, true, &why),
			   "normal form \"%s\" of %s is not a host name: %s", out, fuzz_show(in, size), why);
	FUZZ_CHECK(wc == (out[0] == '*'),
			   "wildcard flag %d does not match \"%s\"", wc, out);

	/* idempotent, on both paths (normalize_both compares them) */
	FUZZ_CHECK(normalize_both(out, strlen(out), true, again, &wc_again) == DCV_OK &&
			   strcmp(again, out) == 0 && wc_again == wc,
			   "not idempotent: %s -> \"%s\" -> \"%s\"", fuzz_show(in, size), out, again);

	why = uts46_violation(out);
	FUZZ_CHECK(why == NULL, "%s accepted as \"%s\", which breaks %s",
			   fuzz_show(in, size), out, why);

	name = wc ? out + 2 : out;
	check_base(name);

	{
		char		b[DCV_DOMAIN_BUF];
		dcv_status	sb = dcv_base_domain(name, b, &err);
		dcv_status	sa = dcv_domain_analyze(in, size, &dom, &err);

		FUZZ_CHECK(sa == sb, "dcv_domain_analyze(%s) = %d, base domain said %d",
				   fuzz_show(in, size), sa, sb);
		if (sa == DCV_OK)
			FUZZ_CHECK(strcmp(dom.name, name) == 0 && strcmp(dom.base, b) == 0 &&
					   dom.wildcard == wc,
					   "dcv_domain_analyze(%s) gives \"%s\" / \"%s\", expected \"%s\" / \"%s\"",
					   fuzz_show(in, size), dom.name, dom.base, name, b);
	}
	return 0;
}
