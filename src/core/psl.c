/*
 * psl.c
 *		Is a name a public suffix, by the ICANN section of the Public Suffix
 *		List as libpsl reads it?
 *
 * libpsl answers one suffix at a time, at a few hundred nanoseconds each.
 * To decide base domains of millions of names, this file also keeps its own
 * table of the list's rules, read from the file libpsl's built-in list was
 * made from, and answers with libpsl's own logic (an exact rule, or a
 * wildcard rule on the parent).  The table is used only when
 *	 - the file is the one libpsl's built-in data was made from (same time
 *	   stamp, not newer), and
 *	 - every rule of the file, and the name below each rule, get the same
 *	   answer from the table as from libpsl (checked when the table is built).
 * Otherwise every question goes to libpsl.  The table is built after a
 * process has asked a few thousand questions, so short sessions never pay
 * for it.  dcv_base_domain_slow and the fuzz tests compare both paths.
 */
#include "dcv_core.h"
#include "util.h"

#include <idn2.h>
#include <libpsl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PSL_FILE "/usr/share/publicsuffix/public_suffix_list.dat"

/* Questions to libpsl before the table is built. */
#define PSL_TABLE_AFTER 2000

/* Rule flags, as libpsl keeps them. */
#define F_ICANN		0x01
#define F_PRIVATE	0x02
#define F_WILDCARD	0x04
#define F_EXCEPTION	0x08
#define F_RULE		(F_ICANN | F_PRIVATE)	/* an entry that is a rule */
#define F_ABOVE		0x10		/* an ICANN rule (or a wildcard) lies below it */

typedef struct rule
{
	char	   *name;			/* lowercase A-labels, without "*." or "!" */
	uint32_t	hash;
	uint8_t		flags;
} rule;

static struct
{
	bool		tried;			/* built, or found unusable */
	bool		ready;			/* the table answers */
	unsigned long asked;		/* questions so far */
	rule	   *slots;			/* open addressing, power of two */
	size_t		nslots;
	size_t		nrules;
} table;

/*
 * The list in force: libpsl's built-in list (chosen NULL), or one a DBA
 * chose, read whole by libpsl and counted here (dcv_psl_use).
 */
static struct
{
	psl_ctx_t  *chosen;			/* the chosen list, or NULL */
	char	   *path;			/* its file */
	dcv_psl_list info;			/* what dcv_psl_describe reports */
	bool		described;		/* info filled in */
} list;

static const psl_ctx_t *
ctx(void)
{
	static const psl_ctx_t *c;

	if (list.chosen != NULL)
		return list.chosen;
	if (c == NULL)
		c = psl_builtin();
	return c;
}

/* The file the table is read from: the chosen one, or the installed list. */
static const char *
table_file(void)
{
	return list.chosen != NULL ? list.path : PSL_FILE;
}

/*
 * The list itself, read by libpsl from the file, for the questions its
 * built-in data answers wrongly; NULL when the file cannot be read.
 */
static const psl_ctx_t *
file_ctx(void)
{
	static psl_ctx_t *c;
	static bool tried;

	if (!tried)
	{
		tried = true;
		c = psl_load_file(PSL_FILE);
	}
	return c;
}

/*
 * libpsl's built-in data (0.21.2) calls names under some top-level labels
 * that no rule names public suffixes ("x.m"), although under a label the
 * list does not know only the implicit "*" rule applies (doc/rules.md, "Base
 * domains").  So when it says yes to a longer name whose top-level label is
 * no rule of its own (as "m", but also "za", under which "co.za" is a rule),
 * the file decides.
 */
bool
dcv_psl_is_suffix_lib(const char *s)
{
	const char *tld = strrchr(s, '.');

	if (psl_is_public_suffix2(ctx(), s, PSL_TYPE_ICANN) == 0)
		return false;
	if (list.chosen != NULL)
		return true;			/* read from the file itself: no built-in data */
	if (tld != NULL && file_ctx() != NULL &&
		psl_is_public_suffix2(ctx(), tld + 1, PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE) == 0)
		return psl_is_public_suffix2(file_ctx(), s, PSL_TYPE_ICANN) != 0;
	return true;
}

/*
 * A hash of a suffix that extends to the left: the bytes are taken from the
 * end, so the hash of "example.co.jp" continues the hash of "co.jp".
 */
static inline uint32_t
rhash_extend(uint32_t h, const char *s, size_t len)
{
	for (size_t i = len; i > 0; i--)
		h = dcv_fnv_step(h, (unsigned char) s[i - 1]);
	return h;
}

#define RHASH_INIT DCV_FNV_BASIS

static rule *
find(const char *s, size_t len, uint32_t h)
{
	size_t		mask = table.nslots - 1;

	for (size_t i = h & mask;; i = (i + 1) & mask)
	{
		rule	   *r = &table.slots[i];

		if (r->name == NULL)
			return r;
		/* strncmp: the entry may be shorter than s (a hash collision) */
		if (r->hash == h && strncmp(r->name, s, len) == 0 && r->name[len] == '\0')
			return r;
	}
}

/* Adds a rule (or merges its flags); false when out of memory. */
static bool
add(const char *s, size_t len, uint8_t flags)
{
	uint32_t	h = rhash_extend(RHASH_INIT, s, len);
	rule	   *r = find(s, len, h);

	if (r->name == NULL)
	{
		if ((r->name = malloc(len + 1)) == NULL)
			return false;
		memcpy(r->name, s, len);
		r->name[len] = '\0';
		r->hash = h;
		table.nrules++;
	}
	r->flags |= flags;
	return true;
}

/* The flags of an entry, 0 when there is none. */
static int
lookup_h(const char *s, size_t len, uint32_t h)
{
	rule	   *r = find(s, len, h);

	return r->name ? r->flags : 0;
}

static int
lookup(const char *s, size_t len)
{
	return lookup_h(s, len, rhash_extend(RHASH_INIT, s, len));
}

/*
 * libpsl's is_public_suffix() for PSL_TYPE_ICANN, over the table, given the
 * flags of the suffix and of its parent: an exact rule decides; else a
 * wildcard rule on the parent.
 */
static inline bool
suffix_rule(int f, int parent_f)
{
	if (f & F_RULE)
		return (f & F_ICANN) && !(f & F_EXCEPTION);
	return (parent_f & F_RULE) && (parent_f & F_ICANN) && (parent_f & F_WILDCARD);
}

static bool
table_is_suffix(const char *s)
{
	size_t		len = strlen(s);
	const char *dot = memchr(s, '.', len);

	if (dot == NULL)
		return true;			/* the implicit "*" rule */
	return suffix_rule(lookup(s, len), lookup(dot + 1, len - (dot + 1 - s)));
}

static void
free_table(void)
{
	for (size_t i = 0; i < table.nslots; i++)
		free(table.slots[i].name);
	free(table.slots);
	table.slots = NULL;
	table.nslots = table.nrules = 0;
}

/* A rule of the file as lowercase A-labels into out; false if it cannot be. */
static bool
rule_to_ascii(const char *r, char *out, size_t outsize)
{
	bool		ascii = true;
	size_t		len = strlen(r);

	for (size_t i = 0; i < len; i++)
		if ((unsigned char) r[i] >= 0x80)
			ascii = false;
	if (ascii)
	{
		if (len >= outsize)
			return false;
		for (size_t i = 0; i <= len; i++)
			out[i] = dcv_lower((unsigned char) r[i]);
		return true;
	}
	else
	{
		size_t		n;

		return dcv_idn2_ascii(r, out, outsize, &n) == IDN2_OK;
	}
}

/* Reads the file into the table; false if anything is off. */
static bool
load(void)
{
	FILE	   *f;
	char		line[1024];
	uint8_t		section = 0;
	bool		ok = true;

	table.nslots = 1 << 15;
	table.slots = calloc(table.nslots, sizeof(rule));
	if (table.slots == NULL)
		return false;
	if ((f = fopen(table_file(), "r")) == NULL)
		return false;
	while (ok && fgets(line, sizeof(line), f))
	{
		char	   *r = line;
		char		name[DCV_DOMAIN_BUF];
		uint8_t		flags = section;

		if (strstr(line, "===BEGIN ICANN DOMAINS==="))
			section = F_ICANN;
		else if (strstr(line, "===BEGIN PRIVATE DOMAINS==="))
			section = F_PRIVATE;
		else if (strstr(line, "===END "))
			section = 0;
		if (line[0] == '/' || line[0] == '\n' || line[0] == ' ' || line[0] == '\t' ||
			line[0] == '\r' || section == 0)
			continue;
		r[strcspn(r, " \t\r\n")] = '\0';
		if (r[0] == '!')
		{
			flags |= F_EXCEPTION;
			r++;
		}
		else if (r[0] == '*' && r[1] == '.')
		{
			flags |= F_WILDCARD;
			r += 2;
		}
		if (strchr(r, '*') || strchr(r, '!'))
		{
			ok = false;			/* a rule form this table does not know */
			break;
		}
		if (!rule_to_ascii(r, name, sizeof(name)))
		{
			ok = false;
			break;
		}
		ok = add(name, strlen(name), flags) && table.nrules * 2 < table.nslots;
		if (ok && (flags & F_WILDCARD))
			ok = add(name, strlen(name), F_ABOVE);
		for (const char *p = strchr(name, '.'); ok && (flags & F_ICANN) && p; p = strchr(p + 1, '.'))
			ok = add(p + 1, strlen(p + 1), F_ABOVE) && table.nrules * 2 < table.nslots;
	}
	fclose(f);
	/* a small list (a test's) is answered by libpsl: the table pays for thousands */
	return ok && table.nrules > 1000;
}

/*
 * Asks libpsl and the table the same questions about every rule: the rule
 * itself (exact and exception rules), a name below it (wildcard rules) and
 * its parent.  Any difference and the table is not used.
 */
static bool
verify(void)
{
	for (size_t i = 0; i < table.nslots; i++)
	{
		const char *name = table.slots[i].name;
		char		below[DCV_DOMAIN_BUF + 8];
		const char *dot;

		if (name == NULL)
			continue;
		if (table_is_suffix(name) != dcv_psl_is_suffix_lib(name))
			return false;
		if (strlen(name) + 5 < sizeof(below))
		{
			snprintf(below, sizeof(below), "x--0.%s", name);
			if (table_is_suffix(below) != dcv_psl_is_suffix_lib(below))
				return false;
		}
		if ((dot = strchr(name, '.')) != NULL &&
			table_is_suffix(dot + 1) != dcv_psl_is_suffix_lib(dot + 1))
			return false;
	}
	return true;
}

static void
build(void)
{
	struct stat st;

	table.tried = true;
	if (list.chosen == NULL &&
		(psl_builtin_outdated() || stat(PSL_FILE, &st) != 0 ||
		 (time_t) psl_builtin_file_time() != st.st_mtime))
		return;
	if (!load() || !verify())
	{
		free_table();
		return;
	}
	table.ready = true;
}

bool
dcv_psl_table_ready(bool force)
{
	if (!table.tried && force)
		build();
	return table.ready;
}

/*
 * The number of labels of the name's public suffix, walking from the right:
 * once a suffix is not public and no rule lies below it, no longer suffix
 * can be public.  A top-level label the list does not know is a public
 * suffix by the implicit "*" rule, and nothing below it is.  -1 when the
 * table cannot answer (not built yet).
 */
int
dcv_psl_suffix_labels(const char *name, size_t len)
{
	size_t		end = len;
	size_t		start;
	uint32_t	h;
	int			f,
				parent_f;
	int			k = 1,
				best = 1;

	if (!table.tried && (table.asked += 3) >= PSL_TABLE_AFTER)
		build();
	if (!table.ready)
		return -1;

	/* the top-level label */
	start = end;
	while (start > 0 && name[start - 1] != '.')
		start--;
	h = rhash_extend(RHASH_INIT, name + start, end - start);
	f = lookup_h(name + start, end - start, h);
	if (f == 0)
		return 1;
	while (start > 0)
	{
		size_t		next = start - 1;	/* the dot */

		while (next > 0 && name[next - 1] != '.')
			next--;
		h = rhash_extend(h, name + next, start - next);
		parent_f = f;
		f = lookup_h(name + next, len - next, h);
		k++;
		if (suffix_rule(f, parent_f))
			best = k;
		else if (!(f & F_ABOVE))
			break;
		start = next;
	}
	return best;
}

/*
 * Counts the rules of a list file, the ICANN ones apart, and finds its date
 * ("// VERSION: YYYY-MM-DD..." in the lists of 2023 on); false, with a
 * reason, when it is no list: unreadable, no ICANN section, or an ICANN
 * section without a rule.
 */
static bool
count_rules(const char *path, dcv_psl_list *out, char *problem, size_t psize)
{
	FILE	   *f = fopen(path, "r");
	char		line[1024];
	int			section = 0;
	bool		icann_begin = false,
				icann_end = false;
	struct stat st;

	out->rules = out->icann_rules = 0;
	out->date[0] = '\0';
	out->time = -1;
	if (f == NULL)
	{
		snprintf(problem, psize, "cannot read the file %s", path);
		return false;
	}
	if (fstat(fileno(f), &st) == 0)
		out->time = (long) st.st_mtime;
	while (fgets(line, sizeof(line), f))
	{
		const char *v = strstr(line, "// VERSION: ");

		if (v == line && out->date[0] == '\0' && strlen(v + 12) >= 10)
		{
			memcpy(out->date, v + 12, 10);
			out->date[10] = '\0';
		}
		if (strstr(line, "===BEGIN ICANN DOMAINS==="))
			section = 1, icann_begin = true;
		else if (strstr(line, "===END ICANN DOMAINS==="))
			section = 0, icann_end = icann_begin;
		else if (strstr(line, "===BEGIN PRIVATE DOMAINS==="))
			section = 2;
		else if (strstr(line, "===END "))
			section = 0;
		if (section == 0 || line[0] == '/' || line[0] == '\n' || line[0] == '\r' ||
			line[0] == ' ' || line[0] == '\t')
			continue;
		out->rules++;
		out->icann_rules += section == 1;
	}
	if (ferror(f))
	{
		fclose(f);
		snprintf(problem, psize, "cannot read the file %s", path);
		return false;
	}
	fclose(f);
	if (!icann_begin || !icann_end)
	{
		snprintf(problem, psize, "%s has no ICANN section (\"===BEGIN ICANN DOMAINS===\" to \"===END ICANN DOMAINS===\")",
				 path);
		return false;
	}
	if (out->icann_rules == 0)
	{
		snprintf(problem, psize, "the ICANN section of %s holds no rule", path);
		return false;
	}
	return true;
}

bool
dcv_psl_use(const char *path, char *problem, size_t psize)
{
	dcv_psl_list info;
	psl_ctx_t  *c;
	char	   *copy;

	problem[0] = '\0';
	if (path == NULL || path[0] == '\0')
	{
		if (list.chosen == NULL)
			return true;
		psl_free(list.chosen);
		free(list.path);
		list.chosen = NULL;
		list.path = NULL;
		list.described = false;
	}
	else
	{
		if (list.chosen != NULL && strcmp(list.path, path) == 0)
		{
			/* the same file again: read again, it may have been replaced */
		}
		if (!count_rules(path, &info, problem, psize))
			return false;
		if ((c = psl_load_file(path)) == NULL)
		{
			snprintf(problem, psize, "libpsl cannot read %s as a Public Suffix List", path);
			return false;
		}
		if ((copy = strdup(path)) == NULL)
		{
			psl_free(c);
			snprintf(problem, psize, "out of memory");
			return false;
		}
		if (list.chosen != NULL)
		{
			psl_free(list.chosen);
			free(list.path);
		}
		list.chosen = c;
		list.path = copy;
		list.info = info;
		list.info.builtin = false;
		snprintf(list.info.source, sizeof(list.info.source), "%s", path);
		list.described = true;
	}
	/* the table answers for the list in force: built again when asked */
	free_table();
	table.tried = false;
	table.ready = false;
	table.asked = 0;
	return true;
}

void
dcv_psl_describe(dcv_psl_list *out)
{
	if (!list.described)
	{
		char		problem[DCV_DETAIL_BUF];

		/* libpsl's built-in list: counted in the file it was made from */
		memset(&list.info, 0, sizeof(list.info));
		if (!count_rules(PSL_FILE, &list.info, problem, sizeof(problem)))
			list.info.rules = list.info.icann_rules = -1;
		list.info.time = (long) psl_builtin_file_time();
		list.info.builtin = true;
		snprintf(list.info.source, sizeof(list.info.source), "built-in");
		list.described = true;
	}
	*out = list.info;
}
