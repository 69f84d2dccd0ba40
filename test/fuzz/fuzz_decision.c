/*
 * fuzz_decision.c
 *		libFuzzer harness: DCV candidates and recipient decisions.
 *
 * Input layout (see README.md in this directory):
 *	byte 0		flags: bit 0 OV/EV line (else DV); bits 1-2 era (0 notice,
 *				1 before the notice, 2 ballot SC-080, 3 ballot SC-090);
 *				bit 3 subdomain e-mails asked for; bit 4 WHOIS is SQL NULL;
 *				bit 5 an empty designated array is passed as an array (else
 *				as NULL); bit 6 an interrupt hook is installed
 *	then lines separated by "\n": the first is the applied domain; a line
 *	starting with "D" is a designated address (the rest of the line), "d"
 *	a NULL designated element, "w" a NULL WHOIS element, "W" a WHOIS entry
 *	(the rest of the line), any other line a WHOIS entry as a whole.
 *
 * The expected candidates and decision are computed here a second time,
 * straight from doc/rules.md, with only the normal forms taken from the core
 * (those have their own harnesses), and compared with the core's, together
 * with the properties doc/rules.md states: constructed and subdomain candidates
 * lie at the base domain or between it and the applied domain, the five
 * local parts in the notice's order, no address twice, WHOIS candidates in
 * strcmp order; every recipient a candidate, all of them before the notice;
 * whois_first the smallest usable WHOIS address; admin_fallback admin@ the
 * base domain; no DV decision without a designated address.
 */
#include "fuzz_common.h"

static test_arena ar;

/* ---- the expected answers, computed independently ---- */

static int
cmp_cstr(const void *x, const void *y)
{
	return strcmp(*(const char *const *) x, *(const char *const *) y);
}

static char *
dup_str(const char *s)
{
	size_t		n = strlen(s);
	char	   *p = test_arena_alloc(&ar, n + 1);

	memcpy(p, s, n + 1);
	return p;
}

static char *
address(const char *lp, const char *domain)
{
	size_t		n = strlen(lp) + strlen(domain) + 2;
	char	   *p = test_arena_alloc(&ar, n);

	snprintf(p, n, "%s@%s", lp, domain);
	return p;
}

/* Normal form of a string, or NULL when it is no usable address. */
static char *
usable(const dcv_str *s)
{
	char		buf[DCV_EMAIL_BUF];
	size_t		len;
	dcv_error	e;

	if (s->ptr == NULL || dcv_normalize_email(s->ptr, s->len, buf, &len, &e) != DCV_OK)
		return NULL;
	return dup_str(buf);
}

typedef struct expect_list
{
	const char **email;
	dcv_source *source;
	size_t		n;
	size_t		n_whois;
} expect_list;

static bool
in_list(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

/* The candidates as doc/rules.md lists them. */
static void
expected_candidates(const dcv_domain *dom, const dcv_str *whois, size_t n_whois,
					bool subdomains, expect_list *x)
{
	size_t		nsub = 0;
	size_t		cap;
	size_t		k = 0;
	const char **w;

	for (const char *d = dom->name; strcmp(d, dom->base) != 0; d = strchr(d, '.') + 1)
		nsub++;
	cap = (whois ? n_whois : 0) + 5 + 5 * nsub + 1;
	x->email = test_arena_alloc(&ar, cap * sizeof(char *));
	x->source = test_arena_alloc(&ar, cap * sizeof(dcv_source));
	w = test_arena_alloc(&ar, cap * sizeof(char *));
	for (size_t i = 0; whois != NULL && i < n_whois; i++)
	{
		char	   *e = usable(&whois[i]);

		if (e)
			w[k++] = e;
	}
	qsort(w, k, sizeof(char *), cmp_cstr);
	x->n = 0;
	for (size_t i = 0; i < k; i++)
		if (x->n == 0 || strcmp(x->email[x->n - 1], w[i]) != 0)
		{
			x->email[x->n] = w[i];
			x->source[x->n++] = DCV_SRC_WHOIS;
		}
	x->n_whois = x->n;
	for (int i = 0; i < 5; i++)
	{
		char	   *e = address(dcv_local_parts[i], dom->base);

		if (!in_list(x->email, x->n_whois, e))
		{
			x->email[x->n] = e;
			x->source[x->n++] = DCV_SRC_CONSTRUCTED;
		}
	}
	if (!subdomains)
		return;
	for (const char *d = dom->name; strcmp(d, dom->base) != 0; d = strchr(d, '.') + 1)
		for (int i = 0; i < 5; i++)
		{
			char	   *e = address(dcv_local_parts[i], d);

			if (!in_list(x->email, x->n_whois, e))
			{
				x->email[x->n] = e;
				x->source[x->n++] = DCV_SRC_SUBDOMAIN;
			}
		}
}

/*
 * The candidates' addresses sorted by qsort, and a bsearch over them: the
 * reference for membership (the core has its own search).
 */
static const char **
sorted_emails(const dcv_candidates *c)
{
	const char **sorted = test_arena_alloc(&ar, (c->n + 1) * sizeof(char *));

	for (size_t i = 0; i < c->n; i++)
		sorted[i] = c->items[i].email;
	qsort(sorted, c->n, sizeof(char *), cmp_cstr);
	return sorted;
}

static bool
sorted_has(const char *const *sorted, size_t n, const char *e)
{
	return n > 0 && bsearch(&e, sorted, n, sizeof(char *), cmp_cstr) != NULL;
}

/* ---- the properties of a candidate list ---- */

static void
check_candidates(const dcv_domain *dom, const dcv_str *whois, size_t n_whois,
				 bool subdomains, const dcv_candidates *c)
{
	expect_list x;
	const char **sorted;
	int			last_lp = -1;
	const char *last_dom = NULL;
	const char *why = NULL;

	/* shape */
	FUZZ_CHECK(c->n_whois <= c->n, "n_whois %zu > n %zu", c->n_whois, c->n);
	for (size_t i = 0; i < c->n; i++)
	{
		const char *e = c->items[i].email;
		const char *at;
		const char *d;
		int			lp = -1;

		FUZZ_CHECK(e != NULL && fuzz_is_email(e, &why),
				   "candidate %zu \"%s\" is not a normal-form address: %s", i, e ? e : "(NULL)", why);
		FUZZ_CHECK((i < c->n_whois) == (c->items[i].source == DCV_SRC_WHOIS),
				   "candidate %zu \"%s\" has source %d, n_whois %zu", i, e,
				   c->items[i].source, c->n_whois);
		if (i < c->n_whois)
		{
			FUZZ_CHECK(i == 0 || strcmp(c->items[i - 1].email, e) < 0,
					   "WHOIS candidates not in strictly increasing strcmp order at %zu: \"%s\", \"%s\"",
					   i, i ? c->items[i - 1].email : "", e);
			continue;
		}
		at = strchr(e, '@');
		d = at + 1;
		for (int k = 0; k < 5; k++)
			if ((size_t) (at - e) == strlen(dcv_local_parts[k]) &&
				strncmp(e, dcv_local_parts[k], (size_t) (at - e)) == 0)
				lp = k;
		FUZZ_CHECK(lp >= 0, "candidate \"%s\" has none of the five local parts", e);
		if (c->items[i].source == DCV_SRC_CONSTRUCTED)
		{
			FUZZ_CHECK(strcmp(d, dom->base) == 0,
					   "constructed candidate \"%s\" is not at the base domain \"%s\"", e, dom->base);
			FUZZ_CHECK(i == c->n_whois || c->items[i - 1].source != DCV_SRC_SUBDOMAIN,
					   "constructed candidate \"%s\" after a subdomain one", e);
		}
		else
		{
			FUZZ_CHECK(subdomains, "subdomain candidate \"%s\" not asked for", e);
			FUZZ_CHECK(c->items[i].source == DCV_SRC_SUBDOMAIN, "unknown source %d",
					   c->items[i].source);
			FUZZ_CHECK(strcmp(d, dom->base) != 0 && fuzz_is_label_suffix(d, dom->base) &&
					   fuzz_is_label_suffix(dom->name, d),
					   "subdomain candidate \"%s\" is not strictly between base \"%s\" and \"%s\"",
					   e, dom->base, dom->name);
		}
		/* local parts in the notice's order within each domain */
		if (last_dom != NULL && strcmp(last_dom, d) == 0)
			FUZZ_CHECK(lp > last_lp, "local parts out of the notice's order at \"%s\"", e);
		last_dom = d;
		last_lp = lp;
	}

	/* no address twice */
	sorted = sorted_emails(c);
	for (size_t i = 1; i < c->n; i++)
		FUZZ_CHECK(strcmp(sorted[i - 1], sorted[i]) != 0, "\"%s\" is a candidate twice", sorted[i]);

	/* exactly the list doc/rules.md gives */
	expected_candidates(dom, whois, n_whois, subdomains, &x);
	FUZZ_CHECK(x.n == c->n && x.n_whois == c->n_whois,
			   "%zu candidates (%zu WHOIS) for \"%s\", expected %zu (%zu WHOIS)",
			   c->n, c->n_whois, dom->name, x.n, x.n_whois);
	for (size_t i = 0; i < c->n; i++)
		FUZZ_CHECK(strcmp(x.email[i], c->items[i].email) == 0 && x.source[i] == c->items[i].source,
				   "candidate %zu is \"%s\" (%s), expected \"%s\" (%s)", i,
				   c->items[i].email, dcv_source_name(c->items[i].source),
				   x.email[i], dcv_source_name(x.source[i]));

	/* the lookup agrees with a linear search, on members and near misses */
	for (size_t i = 0; i < c->n; i++)
	{
		const char *e = c->items[i].email;
		char	   *miss = address("x", e);

		FUZZ_CHECK(dcv_candidates_contain(c, e), "\"%s\" not found among the candidates", e);
		FUZZ_CHECK(dcv_candidates_contain(c, miss) == sorted_has(sorted, c->n, miss),
				   "dcv_candidates_contain(\"%s\") wrong", miss);
		FUZZ_CHECK(dcv_candidates_contain(c, e + 1) == sorted_has(sorted, c->n, e + 1),
				   "dcv_candidates_contain(\"%s\") wrong", e + 1);
	}
}

/* ---- the decision ---- */

static void
check_decision(const dcv_decision_in *in, const dcv_alloc *a)
{
	dcv_decision d;
	dcv_error	err;
	dcv_status	st;
	dcv_domain	dom;
	dcv_error	derr;
	dcv_status	dst;
	const dcv_str *whois = in->whois;
	size_t		n_whois = in->whois ? in->n_whois : 0;
	dcv_candidates c;
	const char *why = NULL;
	bool		any_designated = false;

	memset(&d, 0, sizeof(d));
	err.index = -2;
	st = dcv_decide(in, a, &d, &err);
	dst = dcv_domain_analyze(in->domain.ptr, in->domain.len, &dom, &derr);

	if (dst != DCV_OK)
	{
		FUZZ_CHECK(st == dst, "decision on a bad domain %s: status %d, expected %d",
				   fuzz_show(in->domain.ptr, in->domain.len), st, dst);
		return;
	}
	if (in->era == DCV_ERA_NO_EMAIL)
	{
		FUZZ_CHECK(st == DCV_ERR_NO_EMAIL_METHOD, "SC-090 era gives status %d", st);
		return;
	}
	if (st == DCV_OK)
	{
		FUZZ_CHECK(strcmp(d.domain.name, dom.name) == 0 && strcmp(d.domain.base, dom.base) == 0,
				   "decision's domain \"%s\"/\"%s\" differs from \"%s\"/\"%s\"",
				   d.domain.name, d.domain.base, dom.name, dom.base);
		for (size_t i = 0; i < d.n; i++)
			FUZZ_CHECK(fuzz_is_email(d.recipients[i], &why),
					   "recipient \"%s\" is not a normal-form address: %s", d.recipients[i], why);
	}

	if (in->era == DCV_ERA_BEFORE_NOTICE)
	{
		/* everyone: all WHOIS and constructed candidates, in order */
		dcv_build_candidates(&dom, whois, n_whois, false, a, &c);
		FUZZ_CHECK(st == DCV_OK && d.rule == DCV_RULE_ALL_CANDIDATES && d.n == c.n,
				   "before the notice: status %d, rule %d, %zu recipients for %zu candidates",
				   st, d.rule, d.n, c.n);
		for (size_t i = 0; i < c.n; i++)
			FUZZ_CHECK(strcmp(d.recipients[i], c.items[i].email) == 0,
					   "before the notice: recipient %zu \"%s\", candidate \"%s\"",
					   i, d.recipients[i], c.items[i].email);
		return;
	}

	if (in->era == DCV_ERA_NO_WHOIS)
	{
		whois = NULL;
		n_whois = 0;
	}
	dcv_build_candidates(&dom, whois, n_whois, in->subdomains, a, &c);
	/* the caller checked the list with the input's WHOIS e-mails already */
	if (whois != in->whois)
		check_candidates(&dom, whois, n_whois, in->subdomains, &c);

	for (size_t i = 0; i < in->n_designated; i++)
		any_designated |= in->designated[i].ptr != NULL;

	if (any_designated)
	{
		const char **sorted = sorted_emails(&c);
		const char **given = test_arena_alloc(&ar, in->n_designated * sizeof(char *));
		const char **want = test_arena_alloc(&ar, in->n_designated * sizeof(char *));
		const char **seen;
		size_t		ngiven = 0,
					nwant = 0;

		for (size_t i = 0; i < in->n_designated; i++)
		{
			char	   *e;

			if (in->designated[i].ptr == NULL)
				continue;
			e = usable(&in->designated[i]);
			if (e == NULL)
			{
				FUZZ_CHECK(st == DCV_ERR_DESIGNATED_UNUSABLE && err.index == (long) i,
						   "unusable designated %s at %zu: status %d, index %ld",
						   fuzz_show(in->designated[i].ptr, in->designated[i].len), i,
						   st, err.index);
				return;
			}
			if (!sorted_has(sorted, c.n, e))
			{
				FUZZ_CHECK(st == DCV_ERR_NOT_CANDIDATE && err.index == (long) i,
						   "designated \"%s\" at %zu is no candidate: status %d, index %ld",
						   e, i, st, err.index);
				return;
			}
			given[ngiven++] = e;
		}

		/*
		 * Each address once, where it first appears.  All are candidates,
		 * so a candidate's sorted index identifies it.
		 */
		seen = test_arena_alloc(&ar, (c.n + 1) * sizeof(char *));
		memset(seen, 0, (c.n + 1) * sizeof(char *));
		for (size_t i = 0; i < ngiven; i++)
		{
			const char **hit = bsearch(&given[i], sorted, c.n, sizeof(char *), cmp_cstr);
			size_t		k = (size_t) (hit - sorted);

			if (seen[k] == NULL)
			{
				seen[k] = given[i];
				want[nwant++] = given[i];
			}
		}
		FUZZ_CHECK(st == DCV_OK && d.rule == DCV_RULE_DESIGNATED && d.n == nwant && nwant > 0,
				   "designated: status %d (%s), rule %d, %zu recipients, expected %zu",
				   st, st == DCV_OK ? "" : err.detail, d.rule, d.n, nwant);
		for (size_t i = 0; i < nwant; i++)
		{
			FUZZ_CHECK(strcmp(d.recipients[i], want[i]) == 0,
					   "designated recipient %zu \"%s\", expected \"%s\"", i, d.recipients[i], want[i]);
			FUZZ_CHECK(dcv_candidates_contain(&c, d.recipients[i]),
					   "recipient \"%s\" is not a candidate", d.recipients[i]);
		}
		return;
	}

	if (in->line == DCV_LINE_DV)
	{
		FUZZ_CHECK(st == DCV_ERR_NO_DESIGNATED,
				   "DV line without a designated address: status %d, rule %d", st, d.rule);
		return;
	}

	/* OV/EV without designation: the smallest usable WHOIS, else admin@base */
	{
		const char *best = NULL;

		for (size_t i = 0; whois != NULL && i < n_whois; i++)
		{
			char	   *e = usable(&whois[i]);

			if (e && (best == NULL || strcmp(e, best) < 0))
				best = e;
		}
		FUZZ_CHECK(st == DCV_OK && d.n == 1, "OV/EV: status %d (%s), %zu recipients",
				   st, st == DCV_OK ? "" : err.detail, d.n);
		if (best)
			FUZZ_CHECK(d.rule == DCV_RULE_WHOIS_FIRST && strcmp(d.recipients[0], best) == 0,
					   "whois_first: rule %s, \"%s\", expected \"%s\"",
					   dcv_rule_name(d.rule), d.recipients[0], best);
		else
		{
			char	   *admin = address("admin", dom.base);

			FUZZ_CHECK(d.rule == DCV_RULE_ADMIN_FALLBACK && strcmp(d.recipients[0], admin) == 0,
					   "admin_fallback: rule %s, \"%s\", expected \"%s\"",
					   dcv_rule_name(d.rule), d.recipients[0], admin);
		}
		FUZZ_CHECK(dcv_candidates_contain(&c, d.recipients[0]),
				   "recipient \"%s\" is not a candidate", d.recipients[0]);
	}
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
	const char *s = (const char *) data;
	unsigned	flags;
	dcv_str    *whois,
			   *designated;
	size_t		nw = 0,
				nd = 0;
	size_t		i = 1;
	dcv_str		domain = {NULL, 0};
	bool		first = true;
	dcv_decision_in in;
	dcv_alloc	a = {test_arena_alloc, &ar, NULL};

	if (size < 1)
		return 0;
	flags = data[0];
	whois = test_arena_alloc(&ar, (size + 1) * sizeof(dcv_str));
	designated = test_arena_alloc(&ar, (size + 1) * sizeof(dcv_str));

	/* split the rest into lines */
	while (i <= size)
	{
		size_t		end = i;
		const char *l = s + i;
		size_t		len;

		while (end < size && s[end] != '\n')
			end++;
		len = end - i;
		if (first)
		{
			domain.ptr = l;
			domain.len = len;
			first = false;
		}
		else if (len >= 1 && l[0] == 'D')
			designated[nd++] = (dcv_str) {l + 1, len - 1};
		else if (len >= 1 && l[0] == 'd')
			designated[nd++] = (dcv_str) {NULL, 0};
		else if (len >= 1 && l[0] == 'w')
			whois[nw++] = (dcv_str) {NULL, 0};
		else if (len >= 1 && l[0] == 'W')
			whois[nw++] = (dcv_str) {l + 1, len - 1};
		else
			whois[nw++] = (dcv_str) {l, len};
		i = end + 1;
	}
	if (first)
		domain.ptr = s + 1;		/* empty domain */

	if (flags & 0x40)
		a.interrupt = fuzz_interrupt;
	in.line = (flags & 1) ? DCV_LINE_OV_EV : DCV_LINE_DV;
	in.era = (dcv_era) ((flags >> 1) & 3);
	in.subdomains = (flags & 8) != 0;
	in.domain = domain;
	in.designated = (nd > 0 || (flags & 0x20)) ? designated : NULL;
	in.n_designated = nd;
	in.whois = (flags & 0x10) ? NULL : whois;
	in.n_whois = (flags & 0x10) ? 0 : nw;
	in.dns = NULL;
	in.n_dns = 0;
	in.dns_allowed = false;

	/* candidates straight from the API, for the notice's WHOIS list */
	{
		dcv_domain	dom;
		dcv_error	err;

		if (dcv_domain_analyze(domain.ptr, domain.len, &dom, &err) == DCV_OK)
		{
			dcv_candidates c;

			dcv_build_candidates(&dom, in.whois, in.n_whois, in.subdomains, &a, &c);
			check_candidates(&dom, in.whois, in.n_whois, in.subdomains, &c);
		}
	}

	check_decision(&in, &a);
	test_arena_reset(&ar);
	return 0;
}
