/*
 * dcv_core.h
 *		The DCV recipient rules in plain C: normal forms of domain names and
 *		e-mail addresses, base domains, candidates and decisions.
 *
 * Nothing here includes a PostgreSQL header.  Strings in are UTF-8 with an
 * explicit length; strings out are NUL-terminated ASCII.  Memory for results
 * comes from a caller-supplied allocator (palloc in the server, a tracked
 * malloc in the unit tests); library memory is freed before returning.
 */
#ifndef DCV_CORE_H
#define DCV_CORE_H

#include <stdbool.h>
#include <stddef.h>

/* Longest normalized domain name (without a trailing dot), and buffer size. */
#define DCV_DOMAIN_MAX 253
#define DCV_DOMAIN_BUF 256
/* Longest label. */
#define DCV_LABEL_MAX 63
/* Longest local part, longest address (64 + "@" + 253), buffer size. */
#define DCV_LOCAL_MAX 64
#define DCV_EMAIL_MAX 318
#define DCV_EMAIL_BUF 320
/* Longest input accepted for a domain name or an address, in bytes. */
#define DCV_INPUT_MAX 1024
/* Room for an error detail. */
#define DCV_DETAIL_BUF 1024

typedef enum dcv_status
{
	DCV_OK = 0,
	DCV_ERR_DOMAIN,				/* not a valid domain name */
	DCV_ERR_PUBLIC_SUFFIX,		/* a public suffix: no base domain */
	DCV_ERR_EMAIL,				/* not a usable e-mail address */
	DCV_ERR_DESIGNATED_UNUSABLE,	/* designated address not usable */
	DCV_ERR_NOT_CANDIDATE,		/* designated address not a candidate */
	DCV_ERR_NO_DESIGNATED,		/* DV line without a designated address */
	DCV_ERR_NO_EMAIL_METHOD,	/* no e-mail method on that date */
	DCV_ERR_INTERNAL			/* a library failed in a way it should not */
} dcv_status;

typedef struct dcv_error
{
	dcv_status	status;
	long		index;			/* offending array element (0-based), or -1 */
	char		detail[DCV_DETAIL_BUF]; /* the rule broken, printable ASCII */
} dcv_error;

/* Allocator for results: must return memory or not return at all. */
typedef void *(*dcv_alloc_fn) (void *ctx, size_t size);

typedef struct dcv_alloc
{
	dcv_alloc_fn fn;
	void	   *ctx;

	/*
	 * Called now and then in long loops (may be NULL).  It may leave by
	 * longjmp: the core holds no library memory when it calls it.
	 */
	void		(*interrupt) (void);
} dcv_alloc;

/* A string of the caller's: ptr == NULL stands for SQL NULL. */
typedef struct dcv_str
{
	const char *ptr;
	size_t		len;
} dcv_str;

/* An applied domain, analysed. */
typedef struct dcv_domain
{
	char		name[DCV_DOMAIN_BUF];	/* normal form, "*." removed */
	char		base[DCV_DOMAIN_BUF];	/* base domain */
	bool		wildcard;		/* input had a leading "*." */
} dcv_domain;

typedef enum dcv_source
{
	DCV_SRC_WHOIS = 0,
	DCV_SRC_CONSTRUCTED,
	DCV_SRC_SUBDOMAIN,
	DCV_SRC_DNS_TXT,			/* BR 3.2.2.4.14: TXT at _validation-contactemail */
	DCV_SRC_CAA					/* BR 3.2.2.4.13: CAA contactemail */
} dcv_source;

typedef struct dcv_candidate
{
	const char *email;			/* normal form, NUL-terminated */
	dcv_source	source;
} dcv_candidate;

typedef struct dcv_candidates
{
	dcv_candidate *items;
	size_t		n;
	size_t		n_whois;		/* the first n_whois items are WHOIS e-mails */
} dcv_candidates;

typedef enum dcv_line
{
	DCV_LINE_DV = 0,
	DCV_LINE_OV_EV
} dcv_line;

/* Which rules are in force (chosen from a date by the caller). */
typedef enum dcv_era
{
	DCV_ERA_NOTICE = 0,			/* 2018-02-02 notice; also "no date given" */
	DCV_ERA_BEFORE_NOTICE,		/* before 2018-02-02: everyone */
	DCV_ERA_NO_WHOIS,			/* ballot SC-080: WHOIS e-mails retired */
	DCV_ERA_NO_EMAIL			/* ballot SC-090: no e-mail method */
} dcv_era;

typedef enum dcv_rule
{
	DCV_RULE_DESIGNATED = 0,
	DCV_RULE_WHOIS_FIRST,
	DCV_RULE_ADMIN_FALLBACK,
	DCV_RULE_ALL_CANDIDATES
} dcv_rule;

typedef struct dcv_decision_in
{
	dcv_line	line;
	dcv_era		era;
	bool		subdomains;
	dcv_str		domain;
	const dcv_str *designated;	/* NULL or n_designated strings */
	size_t		n_designated;
	const dcv_str *whois;		/* NULL when WHOIS is SQL NULL */
	size_t		n_whois;
	const dcv_str *dns;			/* DNS records as found, or NULL */
	size_t		n_dns;
	bool		dns_allowed;	/* DNS-published contacts are candidates */
} dcv_decision_in;

typedef struct dcv_decision
{
	const char **recipients;
	size_t		n;
	dcv_rule	rule;
	dcv_domain	domain;
} dcv_decision;

/*
 * DNS records as the order system found them, one per string, in the
 * presentation format dig prints (dns.c).
 */
#define DCV_RR_TXT 16
#define DCV_RR_CAA 257
#define DCV_RR_CNAME 5

/*
 * Room for a name in its canonical text form: at most 254 octets of labels
 * on the wire, each written in at most 4 characters, and the dots.
 */
#define DCV_NAME_TEXT_BUF 1024

/* One record, parsed. */
typedef struct dcv_rr
{
	unsigned	type;			/* RR type code (DCV_RR_*, or another) */
	char		type_name[16];	/* as given, uppercased (e.g. "MX") */
	char		owner[DCV_NAME_TEXT_BUF];	/* canonical form, see dcv_dns_name */
	/* TXT: the character-strings; CAA: flags, tag, value; CNAME: target */
	dcv_str    *strings;
	size_t		n_strings;
	int			caa_flags;
	dcv_str		caa_tag;
	dcv_str		caa_value;
	char		target[DCV_NAME_TEXT_BUF];
	bool		typed;			/* owner and type read (also when the RDATA is not) */
} dcv_rr;

/*
 * Parses one record line: "owner [TTL] [class] type rdata", TTL and class in
 * either order, class IN only, RFC 3597's generic "\# length hex" RDATA
 * for TXT, CAA and CNAME.  Names are put in canonical form: labels apart by
 * ".", no final dot, host-name labels in their normal form, other labels
 * ASCII-lowercased with bytes outside [a-z0-9_*-] as \DDD.  Values are
 * allocated.  On failure err's detail says why.
 */
extern dcv_status dcv_rr_parse(const char *line, size_t len, const dcv_alloc *a,
							   dcv_rr *out, dcv_error *err);

/* What a record gives the order. */
typedef struct dcv_dns_row
{
	bool		parsed;
	unsigned	type;			/* when the owner and type were read */
	const char *owner;			/* canonical owner name, likewise, or NULL */
	const char *email;			/* normal form of the contact, or NULL */
	const char *problem;		/* why it gives no contact, or NULL */
} dcv_dns_row;

typedef struct dcv_dns_result
{
	dcv_dns_row *rows;			/* one per record, in the order given */
	size_t		n;
	const char **txt;			/* TXT contacts, sorted, each once */
	size_t		n_txt;
	const char **caa;			/* CAA contacts, sorted, each once */
	size_t		n_caa;
} dcv_dns_result;

/*
 * The contacts the records publish for an analysed domain (BR 3.2.2.4.13,
 * 3.2.2.4.14): TXT at _validation-contactemail.<ADN>, CAA contactemail in the
 * relevant set (RFC 8659 section 3) of each ADN, aliases followed within the
 * records.  It cannot fail: records that give nothing say why in rows.
 */
extern void dcv_dns_contacts(const dcv_domain *dom, const dcv_str *records, size_t n,
							 const dcv_alloc *a, dcv_dns_result *out);

/* The same contacts, rows without problem (cheaper: for decisions). */
extern void dcv_dns_contacts_only(const dcv_domain *dom, const dcv_str *records, size_t n,
								  const dcv_alloc *a, dcv_dns_result *out);

/* Whether a normalized address is among the result's contacts. */
extern bool dcv_dns_has_contact(const dcv_dns_result *r, const char *email);

/*
 * Normal form of an address published in DNS: like dcv_normalize_email, but
 * the whole value must be the address (no white space around it is trimmed).
 */
extern dcv_status dcv_normalize_email_exact(const char *in, size_t len, char *out,
											size_t *outlen, dcv_error *err);

/* ASCII letters to lowercase, in place; other bytes are left as they are. */
extern void dcv_ascii_lower(char *s, size_t len);

/* The five constructed local parts, in the notice's order. */
#define DCV_LOCAL_PARTS 5
extern const char *const dcv_local_parts[DCV_LOCAL_PARTS];

extern const char *dcv_rule_name(dcv_rule rule);
extern const char *dcv_source_name(dcv_source source);

/*
 * Normal form of a domain name, into out[DCV_DOMAIN_BUF]: lowercase A-labels,
 * no trailing dot, a leading "*." kept when allow_wildcard (an error
 * otherwise).  *wildcard tells whether it was there.
 */
extern dcv_status dcv_normalize_domain(const char *in, size_t len,
									   bool allow_wildcard, char *out,
									   bool *wildcard, dcv_error *err);

/* Same result, always through libidn2 (for differential testing). */
extern dcv_status dcv_normalize_domain_slow(const char *in, size_t len,
											bool allow_wildcard, char *out,
											bool *wildcard, dcv_error *err);

/* How many times normalization has called libidn2 in this process (for tests). */
extern unsigned long dcv_idn2_calls(void);

/* Base domain of a normalized name without "*.", into out[DCV_DOMAIN_BUF]. */
extern dcv_status dcv_base_domain(const char *name, char *out, dcv_error *err);

/* Same result, walking libpsl over every suffix (for differential testing). */
extern dcv_status dcv_base_domain_slow(const char *name, char *out,
									   dcv_error *err);

/*
 * Whether base domains come from dcv's own table of the Public Suffix List
 * (equal to libpsl's answers, checked when built) rather than from libpsl;
 * force builds the table now instead of after a few thousand lookups.
 */
extern bool dcv_psl_table_ready(bool force);

/* The Public Suffix List in force (psl.c). */
typedef struct dcv_psl_list
{
	bool		builtin;		/* libpsl's built-in list */
	char		source[1024];	/* "built-in", or the file's path */
	char		date[11];		/* YYYY-MM-DD the list says, or "" */
	long		time;			/* the file's time stamp (Unix time), or -1 */
	int			rules;			/* rules, both sections (-1: not known) */
	int			icann_rules;	/* rules of the ICANN section */
} dcv_psl_list;

/*
 * Uses the list in the file at path ("" or NULL: libpsl's built-in list).
 * The file is read whole first; when it cannot be read, has no ICANN
 * section or no rule in it, or libpsl cannot read it, the list in force
 * stays and problem (psize bytes) says why.
 */
extern bool dcv_psl_use(const char *path, char *problem, size_t psize);

/* What the list in force is. */
extern void dcv_psl_describe(dcv_psl_list *out);

/* Normalize and analyse an applied domain. */
extern dcv_status dcv_domain_analyze(const char *in, size_t len,
									 dcv_domain *out, dcv_error *err);

/*
 * Normal form of an e-mail address, into out[DCV_EMAIL_BUF]; returns length
 * via *outlen.  Here and elsewhere err may be NULL when only the status is
 * wanted.
 */
extern dcv_status dcv_normalize_email(const char *in, size_t len, char *out,
									  size_t *outlen, dcv_error *err);

/*
 * Candidates for an analysed domain.  whois may be NULL (lookup failed);
 * NULL elements and unusable entries are skipped.  It cannot fail.
 */
extern void dcv_build_candidates(const dcv_domain *dom,
								 const dcv_str *whois, size_t n_whois,
								 bool subdomains, const dcv_alloc *a,
								 dcv_candidates *out);

/*
 * The same with the DNS-published contacts of dns (NULL: none), after the
 * constructed e-mails: TXT contacts, then CAA contacts.
 */
extern void dcv_build_candidates_dns(const dcv_domain *dom,
									 const dcv_str *whois, size_t n_whois,
									 const dcv_dns_result *dns,
									 bool subdomains, const dcv_alloc *a,
									 dcv_candidates *out);

/* Whether a normalized address is among the candidates (binary search on WHOIS). */
extern bool dcv_candidates_contain(const dcv_candidates *c, const char *email);

/* The recipients for an order. */
extern dcv_status dcv_decide(const dcv_decision_in *in, const dcv_alloc *a,
							 dcv_decision *out, dcv_error *err);

#endif							/* DCV_CORE_H */
