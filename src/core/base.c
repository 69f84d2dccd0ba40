/*
 * base.c
 *		The base domain of a normalized name: one label plus its public
 *		suffix, by the ICANN section of the Public Suffix List (psl.c).
 */
#include "dcv_core.h"
#include "util.h"

#include <string.h>

/*
 * No rule of the ICANN section has more than 4 labels (test/unit checks this
 * against the installed list), and libpsl only calls a name a public suffix
 * when the name itself or its parent is a rule.  So a suffix of more than 5
 * labels is never a public suffix and the walk can start 5 labels from the
 * end.  One label of margin.
 */
#define DCV_PSL_MAX_LABELS 6

static dcv_status
base_domain(const char *name, char *out, bool fast, dcv_error *err)
{
	size_t		starts[DCV_DOMAIN_BUF / 2 + 1];
	size_t		nlabels = 0;
	size_t		len = strlen(name);
	size_t		ps;
	int			k;

	if (len == 0 || len > DCV_DOMAIN_MAX)
		return dcv_fail(err, DCV_ERR_DOMAIN, "the name is empty or too long");
	starts[nlabels++] = 0;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '.')
			starts[nlabels++] = i + 1;

	/* ps: the first label of the public suffix */
	k = fast ? dcv_psl_suffix_labels(name, len) : -1;
	if (k > 0)
		ps = nlabels - (size_t) k;
	else
	{
		/* libpsl, the longest suffix first (see DCV_PSL_MAX_LABELS) */
		size_t		first = (fast && nlabels > DCV_PSL_MAX_LABELS) ? nlabels - DCV_PSL_MAX_LABELS : 0;

		for (ps = first; ps < nlabels && !dcv_psl_is_suffix_lib(name + starts[ps]); ps++)
			;
	}
	/* libpsl's implicit "*" rule makes every top-level label a suffix. */
	if (ps >= nlabels)
		return dcv_fail(err, DCV_ERR_INTERNAL, "no public suffix found for the name");
	if (ps == 0)
	{
		char		q[DCV_DOMAIN_BUF + 8];

		dcv_quote(q, sizeof(q), name, len > 200 ? 200 : len);
		return dcv_fail(err, DCV_ERR_PUBLIC_SUFFIX,
						"%s is a public suffix in the ICANN section of the Public Suffix List, so it has no base domain",
						q);
	}
	memcpy(out, name + starts[ps - 1], len - starts[ps - 1] + 1);
	return DCV_OK;
}

dcv_status
dcv_base_domain(const char *name, char *out, dcv_error *err)
{
	return base_domain(name, out, true, err);
}

dcv_status
dcv_base_domain_slow(const char *name, char *out, dcv_error *err)
{
	return base_domain(name, out, false, err);
}

dcv_status
dcv_domain_analyze(const char *in, size_t len, dcv_domain *out, dcv_error *err)
{
	dcv_status	st;

	st = dcv_normalize_domain(in, len, true, out->name, &out->wildcard, err);
	if (st != DCV_OK)
		return st;
	if (out->wildcard)
		memmove(out->name, out->name + 2, strlen(out->name + 2) + 1);
	return dcv_base_domain(out->name, out->base, err);
}

