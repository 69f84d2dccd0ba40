/*
 * rules.c
 *		DCV candidates for an applied domain, and the recipient decision of
 *		the 2018-02-02 notice, before it and after the CA/Browser Forum
 *		ballots SC-080 and SC-090.
 */
#include "dcv_core.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char *const dcv_local_parts[DCV_LOCAL_PARTS] = {
	"admin", "administrator", "hostmaster", "postmaster", "webmaster"
};

const char *
dcv_rule_name(dcv_rule rule)
{
	switch (rule)
	{
		case DCV_RULE_DESIGNATED:
			return "designated";
		case DCV_RULE_WHOIS_FIRST:
			return "whois_first";
		case DCV_RULE_ADMIN_FALLBACK:
			return "admin_fallback";
		case DCV_RULE_ALL_CANDIDATES:
			return "all_candidates";
	}
	return "unknown";
}

const char *
dcv_source_name(dcv_source source)
{
	switch (source)
	{
		case DCV_SRC_WHOIS:
			return "whois";
		case DCV_SRC_CONSTRUCTED:
			return "constructed";
		case DCV_SRC_SUBDOMAIN:
			return "subdomain";
		case DCV_SRC_DNS_TXT:
			return "dns_txt";
		case DCV_SRC_CAA:
			return "caa";
	}
	return "unknown";
}

/* lp@domain, allocated. */
static char *
make_address(const dcv_alloc *a, const char *lp, const char *domain)
{
	size_t		l = strlen(lp),
				d = strlen(domain);
	char	   *p = a->fn(a->ctx, l + d + 2);

	memcpy(p, lp, l);
	p[l] = '@';
	memcpy(p + l + 1, domain, d + 1);
	return p;
}

/* A WHOIS entry's normal form into buf, or false when it is skipped. */
static bool
usable_whois(const dcv_str *entry, char *buf, size_t *len)
{
	return entry->ptr != NULL &&
		dcv_normalize_email(entry->ptr, entry->len, buf, len, NULL) == DCV_OK;
}

/* Usable WHOIS e-mails in normal form, sorted, each once; returns the count. */
static size_t
whois_sorted(const dcv_str *whois, size_t n, const dcv_alloc *a, const char ***out)
{
	const char **w;
	size_t		k = 0;

	*out = NULL;
	if (whois == NULL || n == 0)
		return 0;
	w = a->fn(a->ctx, n * sizeof(char *));
	for (size_t i = 0; i < n; i++)
	{
		char		buf[DCV_EMAIL_BUF];
		size_t		len;

		dcv_tick(a, i);
		if (usable_whois(&whois[i], buf, &len))
			w[k++] = dcv_strndup(a, buf, len);
	}
	*out = w;
	return dcv_sort_unique(w, k, a);
}

/* Number of domains strictly between the base domain and the name, the name included. */
static size_t
count_subdomains(const dcv_domain *dom)
{
	size_t		n = 0;
	size_t		blen = strlen(dom->base);

	for (const char *d = dom->name; strlen(d) > blen; d = strchr(d, '.') + 1)
		n++;
	return n;
}

/* Whether e is among items[from] .. items[to - 1]. */
static bool
in_items(const dcv_candidate *items, size_t from, size_t to, const char *e)
{
	for (size_t i = from; i < to; i++)
		if (strcmp(items[i].email, e) == 0)
			return true;
	return false;
}

void
dcv_build_candidates(const dcv_domain *dom, const dcv_str *whois, size_t n_whois,
					 bool subdomains, const dcv_alloc *a, dcv_candidates *out)
{
	dcv_build_candidates_dns(dom, whois, n_whois, NULL, subdomains, a, out);
}

void
dcv_build_candidates_dns(const dcv_domain *dom, const dcv_str *whois, size_t n_whois,
						 const dcv_dns_result *dns, bool subdomains,
						 const dcv_alloc *a, dcv_candidates *out)
{
	const char **w;
	size_t		nw = whois_sorted(whois, n_whois, a, &w);
	size_t		nsub = subdomains ? count_subdomains(dom) : 0;
	size_t		ndns = dns ? dns->n_txt + dns->n_caa : 0;
	size_t		blen = strlen(dom->base);
	size_t		n = 0,
				constructed_from,
				constructed_to;

	out->items = a->fn(a->ctx, (nw + ndns + DCV_LOCAL_PARTS * (1 + nsub)) * sizeof(dcv_candidate));
	for (size_t i = 0; i < nw; i++)
	{
		out->items[n].email = w[i];
		out->items[n++].source = DCV_SRC_WHOIS;
	}
	out->n_whois = nw;
	constructed_from = n;
	for (int i = 0; i < DCV_LOCAL_PARTS; i++)
	{
		char	   *e = make_address(a, dcv_local_parts[i], dom->base);

		if (dcv_in_sorted(w, nw, e))
			continue;
		out->items[n].email = e;
		out->items[n++].source = DCV_SRC_CONSTRUCTED;
	}
	constructed_to = n;
	for (size_t i = 0; dns && i < dns->n_txt; i++)
	{
		const char *e = dns->txt[i];

		dcv_tick(a, i);
		if (dcv_in_sorted(w, nw, e) || in_items(out->items, constructed_from, constructed_to, e))
			continue;
		out->items[n].email = e;
		out->items[n++].source = DCV_SRC_DNS_TXT;
	}
	for (size_t i = 0; dns && i < dns->n_caa; i++)
	{
		const char *e = dns->caa[i];

		dcv_tick(a, i);
		if (dcv_in_sorted(w, nw, e) || in_items(out->items, constructed_from, constructed_to, e) ||
			dcv_in_sorted(dns->txt, dns->n_txt, e))
			continue;
		out->items[n].email = e;
		out->items[n++].source = DCV_SRC_CAA;
	}
	if (subdomains)
	{
		for (const char *d = dom->name; strlen(d) > blen; d = strchr(d, '.') + 1)
			for (int i = 0; i < DCV_LOCAL_PARTS; i++)
			{
				char	   *e = make_address(a, dcv_local_parts[i], d);

				if (dcv_in_sorted(w, nw, e) || dcv_dns_has_contact(dns, e))
					continue;
				out->items[n].email = e;
				out->items[n++].source = DCV_SRC_SUBDOMAIN;
			}
	}
	out->n = n;
}

bool
dcv_candidates_contain(const dcv_candidates *c, const char *email)
{
	if (c->n_whois > 0)
	{
		/* The WHOIS part is sorted: search it, then the rest in turn. */
		for (size_t lo = 0, hi = c->n_whois; lo < hi;)
		{
			size_t		mid = lo + (hi - lo) / 2;
			int			r = strcmp(email, c->items[mid].email);

			if (r == 0)
				return true;
			if (r < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
	}
	for (size_t i = c->n_whois; i < c->n; i++)
		if (strcmp(email, c->items[i].email) == 0)
			return true;
	return false;
}

/*
 * Whether a normalized address is a constructed e-mail, or (when asked for) a
 * subdomain e-mail, of the domain: one of the five local parts at the base
 * domain, or at a domain between it and the applied domain.
 */
static bool
constructed_or_subdomain(const dcv_domain *dom, const char *email, bool subdomains)
{
	const char *at = strchr(email, '@');
	const char *d = at + 1;
	size_t		ll = (size_t) (at - email);
	size_t		dl = strlen(d),
				bl = strlen(dom->base),
				nl = strlen(dom->name);
	bool		lp = false;

	for (int i = 0; i < DCV_LOCAL_PARTS && !lp; i++)
		lp = strlen(dcv_local_parts[i]) == ll && memcmp(email, dcv_local_parts[i], ll) == 0;
	if (!lp)
		return false;
	if (strcmp(d, dom->base) == 0)
		return true;
	return subdomains && dl > bl && dl <= nl && strcmp(dom->name + (nl - dl), d) == 0 &&
		(dl == nl || dom->name[nl - dl - 1] == '.');
}

/* Why a usable address is not a candidate, as precisely as can be said. */
static dcv_status
not_candidate(const dcv_decision_in *in, const dcv_domain *dom, const char *email,
			  const dcv_alloc *a, dcv_error *err)
{
	if (in->dns != NULL && !in->dns_allowed)
	{
		dcv_dns_result r;

		dcv_dns_contacts_only(dom, in->dns, in->n_dns, a, &r);
		if (dcv_dns_has_contact(&r, email))
			return dcv_fail(err, DCV_ERR_NOT_CANDIDATE,
							"\"%s\" is a contact published in DNS, and those are candidates only from the date of ballot SC13 (BR 3.2.2.4.13 and 3.2.2.4.14) on",
							email);
	}
	/* not a candidate, yet one with subdomain e-mails: it is one of those */
	if (!in->subdomains && constructed_or_subdomain(dom, email, true))
		return dcv_fail(err, DCV_ERR_NOT_CANDIDATE,
						"\"%s\" is a subdomain e-mail, a candidate only when subdomain e-mails are asked for",
						email);
	if (in->era == DCV_ERA_NO_WHOIS && in->whois != NULL)
	{
		const char **w;
		size_t		nw = whois_sorted(in->whois, in->n_whois, a, &w);

		if (dcv_in_sorted(w, nw, email))
			return dcv_fail(err, DCV_ERR_NOT_CANDIDATE,
							"\"%s\" is a WHOIS e-mail, and WHOIS e-mails are no longer candidates on that date (ballot SC-080)",
							email);
	}
	return dcv_fail(err, DCV_ERR_NOT_CANDIDATE,
					in->dns != NULL && in->dns_allowed
					? "\"%s\" is neither a WHOIS e-mail of the domain, one of the constructed addresses at its base domain \"%s\", nor a contact its DNS records publish"
					: "\"%s\" is neither a WHOIS e-mail of the domain nor one of the constructed addresses at its base domain \"%s\"",
					email, dom->base);
}

typedef struct pos_email
{
	const char *email;
	size_t		pos;
} pos_email;

static int
cmp_pos_email(const void *x, const void *y)
{
	return strcmp(((const pos_email *) x)->email, ((const pos_email *) y)->email);
}

static int
cmp_pos(const void *x, const void *y)
{
	const pos_email *p = x,
			   *q = y;

	return (p->pos > q->pos) - (p->pos < q->pos);
}

/*
 * The designated addresses, checked, each once, in the order given.  A
 * candidate is a constructed (or subdomain) e-mail or a WHOIS e-mail; the
 * WHOIS list is normalized and sorted only when some address needs it.
 */
static dcv_status
decide_designated(const dcv_decision_in *in, const dcv_domain *dom,
				  const dcv_str *whois, size_t n_whois, const dcv_alloc *a,
				  dcv_decision *out, dcv_error *err)
{
	const char **w = NULL;
	size_t		nw = 0;
	bool		whois_ready = false;
	dcv_dns_result dns;
	bool		dns_ready = false;
	pos_email  *pe;
	pos_email **pp;
	size_t		k = 0,
				u = 0;

	pe = a->fn(a->ctx, in->n_designated * sizeof(pos_email));
	pp = a->fn(a->ctx, in->n_designated * sizeof(pos_email *));
	for (size_t i = 0; i < in->n_designated; i++)
	{
		char		buf[DCV_EMAIL_BUF];
		size_t		len;

		dcv_tick(a, i);
		if (in->designated[i].ptr == NULL)
			continue;
		if (dcv_normalize_email(in->designated[i].ptr, in->designated[i].len,
								buf, &len, err) != DCV_OK)
		{
			err->status = DCV_ERR_DESIGNATED_UNUSABLE;
			err->index = (long) i;
			return err->status;
		}
		if (!constructed_or_subdomain(dom, buf, in->subdomains))
		{
			bool		found;

			if (!whois_ready)
			{
				nw = whois_sorted(whois, n_whois, a, &w);
				whois_ready = true;
			}
			found = dcv_in_sorted(w, nw, buf);

			/* the records are read only when some address needs them */
			if (!found && in->dns != NULL && in->dns_allowed)
			{
				if (!dns_ready)
					dcv_dns_contacts_only(dom, in->dns, in->n_dns, a, &dns);
				dns_ready = true;
				found = dcv_dns_has_contact(&dns, buf);
			}
			if (!found)
			{
				not_candidate(in, dom, buf, a, err);
				err->index = (long) i;
				return err->status;
			}
		}
		pe[k].email = dcv_strndup(a, buf, len);
		pe[k].pos = i;
		pp[k] = &pe[k];
		k++;
	}

	/*
	 * Each address once, at its first position: a stable sort by address
	 * keeps the first of equals first; drop repeats, sort back by position.
	 */
	dcv_sort((void **) pp, k, cmp_pos_email, a);
	for (size_t i = 0; i < k; i++)
		if (u == 0 || strcmp(pp[u - 1]->email, pp[i]->email) != 0)
			pp[u++] = pp[i];
	dcv_sort((void **) pp, u, cmp_pos, a);
	out->recipients = a->fn(a->ctx, (u ? u : 1) * sizeof(char *));
	for (size_t i = 0; i < u; i++)
		out->recipients[i] = pp[i]->email;
	out->n = u;
	out->rule = DCV_RULE_DESIGNATED;
	return DCV_OK;
}

dcv_status
dcv_decide(const dcv_decision_in *in, const dcv_alloc *a, dcv_decision *out,
		   dcv_error *err)
{
	dcv_domain *dom = &out->domain;
	dcv_status	st;
	bool		any_designated = false;
	const dcv_str *whois = in->whois;
	size_t		n_whois = in->n_whois;

	out->recipients = NULL;
	out->n = 0;
	if ((st = dcv_domain_analyze(in->domain.ptr, in->domain.len, dom, err)) != DCV_OK)
		return st;

	switch (in->era)
	{
		case DCV_ERA_NO_EMAIL:
			return dcv_fail(err, DCV_ERR_NO_EMAIL_METHOD,
							"ballot SC-090 ended the e-mail methods, to constructed addresses (BR 3.2.2.4.4) and to contacts published in DNS (BR 3.2.2.4.13, 3.2.2.4.14)");
		case DCV_ERA_BEFORE_NOTICE:
			{
				dcv_candidates c;

				dcv_build_candidates(dom, whois, n_whois, false, a, &c);
				out->recipients = a->fn(a->ctx, c.n * sizeof(char *));
				for (size_t i = 0; i < c.n; i++)
					out->recipients[i] = c.items[i].email;
				out->n = c.n;
				out->rule = DCV_RULE_ALL_CANDIDATES;
				return DCV_OK;
			}
		case DCV_ERA_NO_WHOIS:
			whois = NULL;
			n_whois = 0;
			break;
		case DCV_ERA_NOTICE:
			break;
	}

	for (size_t i = 0; i < in->n_designated && !any_designated; i++)
		any_designated = in->designated[i].ptr != NULL;
	if (any_designated)
		return decide_designated(in, dom, whois, n_whois, a, out, err);

	if (in->line == DCV_LINE_DV)
		return dcv_fail(err, DCV_ERR_NO_DESIGNATED,
						"on the DV line the DCV e-mail goes only to the approver e-mail chosen on the order");

	/* OV/EV: the WHOIS e-mail that sorts first, else admin@ the base domain. */
	{
		char		best[DCV_EMAIL_BUF];
		size_t		best_len = 0;

		for (size_t i = 0; whois != NULL && i < n_whois; i++)
		{
			char		buf[DCV_EMAIL_BUF];
			size_t		len;

			dcv_tick(a, i);
			if (!usable_whois(&whois[i], buf, &len))
				continue;
			if (best_len == 0 || strcmp(buf, best) < 0)
			{
				memcpy(best, buf, len + 1);
				best_len = len;
			}
		}
		out->recipients = a->fn(a->ctx, sizeof(char *));
		out->n = 1;
		if (best_len > 0)
		{
			out->recipients[0] = dcv_strndup(a, best, best_len);
			out->rule = DCV_RULE_WHOIS_FIRST;
		}
		else
		{
			out->recipients[0] = make_address(a, "admin", dom->base);
			out->rule = DCV_RULE_ADMIN_FALLBACK;
		}
	}
	return DCV_OK;
}
