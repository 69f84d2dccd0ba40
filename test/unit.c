/*
 * unit.c
 *		Unit tests of the core (src/core), without the server.  Prints one line
 *		per failure and ends with "N passed, N failed".
 */
#include "dcv_core.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int	passed,
			failed;

static void
check(int ok, const char *fmt,...)
{
	va_list		ap;

	if (ok)
	{
		passed++;
		return;
	}
	failed++;
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

#include "arena.h"

static test_arena ar;
static dcv_alloc alloc = {test_arena_alloc, &ar, NULL};

/* ---- domain names ---- */

static void
domain_ok(const char *in, const char *want)
{
	char		out[DCV_DOMAIN_BUF],
				out2[DCV_DOMAIN_BUF];
	bool		wc,
				wc2;
	dcv_error	err;
	dcv_status	st = dcv_normalize_domain(in, strlen(in), true, out, &wc, &err);
	dcv_status	st2 = dcv_normalize_domain_slow(in, strlen(in), true, out2, &wc2, &err);

	check(st == DCV_OK && strcmp(out, want) == 0,
		  "normalize_domain(\"%s\") = \"%s\" (status %d: %s), want \"%s\"",
		  in, st == DCV_OK ? out : "", st, st == DCV_OK ? "" : err.detail, want);
	check(st2 == DCV_OK && strcmp(out2, want) == 0,
		  "normalize_domain_slow(\"%s\") = \"%s\", want \"%s\"", in, st2 == DCV_OK ? out2 : "", want);
	/* idempotent */
	if (st == DCV_OK)
	{
		char		again[DCV_DOMAIN_BUF];

		check(dcv_normalize_domain(out, strlen(out), true, again, &wc, &err) == DCV_OK &&
			  strcmp(again, out) == 0, "normalize_domain not idempotent on \"%s\"", out);
	}
}

static void
domain_bad(const char *in, const char *detail_part)
{
	char		out[DCV_DOMAIN_BUF];
	bool		wc;
	dcv_error	err;
	dcv_status	st = dcv_normalize_domain(in, strlen(in), true, out, &wc, &err);
	dcv_status	st2 = dcv_normalize_domain_slow(in, strlen(in), true, out, &wc, &err);

	check(st == DCV_ERR_DOMAIN, "normalize_domain(\"%s\") should fail, got status %d \"%s\"",
		  in, st, st == DCV_OK ? out : "");
	check(st2 == DCV_ERR_DOMAIN, "normalize_domain_slow(\"%s\") should fail", in);
	if (st == DCV_ERR_DOMAIN && detail_part)
	{
		dcv_normalize_domain(in, strlen(in), true, out, &wc, &err);
		check(strstr(err.detail, detail_part) != NULL,
			  "normalize_domain(\"%s\") detail \"%s\" lacks \"%s\"", in, err.detail, detail_part);
	}
}

static void
test_domains(void)
{
	char		big[2048];

	domain_ok("\xEF\xBC\xB7\xEF\xBC\xB7\xEF\xBC\xB7\xEF\xBC\x8E" "Example\xE3\x80\x82" "co.JP.",
			  "www.example.co.jp");
	domain_ok("*.\xE4\xBE\x8B\xE3\x81\x88.jp", "*.xn--r8jz45g.jp");
	domain_ok("\xE4\xBE\x8B\xE3\x81\x88.JP", "xn--r8jz45g.jp");
	domain_ok("XN--R8JZ45G.jp", "xn--r8jz45g.jp");
	domain_ok("Example.COM", "example.com");
	domain_ok("example.com.", "example.com");
	domain_ok("a-b.example.com", "a-b.example.com");
	domain_ok("xn--exmple-4nf.com", "xn--exmple-4nf.com");
	/* Cyrillic a: a valid name of a different domain */
	domain_ok("ex\xD0\xB0mple.com", "xn--exmple-4nf.com");
	/* zero-width space and soft hyphen are ignored by UTS#46 */
	domain_ok("exa\xE2\x80\x8Bmple.com", "example.com");
	domain_ok("exa\xC2\xADmple.com", "example.com");
	/* non-transitional: sharp s stays */
	domain_ok("stra\xC3\x9F" "e.de", "xn--strae-oqa.de");
	/* fullwidth asterisk maps to "*" */
	domain_ok("\xEF\xBC\x8A.example.com", "*.example.com");
	domain_ok("example\xEF\xBD\xA1" "com", "example.com");
	domain_ok("example\xEF\xBC\x8E" "com\xE3\x80\x82", "example.com");
	domain_ok("a1.com", "a1.com");
	domain_ok("1a.com", "1a.com");
	domain_ok("example.com1", "example.com1");
	domain_ok("localhost", "localhost");
	domain_ok("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E.\xE6\x9D\xB1\xE4\xBA\xAC.jp",
			  "xn--wgv71a119e.xn--1lqs71d.jp");

	/* Japanese labels, converted label by label (and compared with the whole-name path) */
	{
		static const char *const jp[] = {
			"\xE4\xBE\x8B\xE3\x81\x88.jp",	/* 例え.jp */
			"www.\xE4\xBE\x8B\xE3\x81\x88\xE3\x80\x82\xEF\xBD\x8A\xEF\xBD\x90",	/* www.例え。ｊｐ */
			"\xEF\xBD\xB6\xEF\xBE\x9E\xEF\xBD\xB7\xEF\xBE\x9E.jp",	/* halfwidth ｶﾞｷﾞ.jp */
			"\xE3\x81\x8B\xE3\x82\x99.jp",	/* か + combining voiced mark */
			"\xE3\x82\xA2\xE3\x83\xBB\xE3\x82\xA4.jp",	/* ア・イ.jp */
			"\xE3\x83\xBB.jp",	/* ・ alone */
			"\xE3\x82\x99\xE3\x81\x8B.jp",	/* leading combining mark */
			"\xE3\x81\x8B.\xE3\x82\x99.jp",	/* combining mark after a dot */
			"\xEF\xBD\x85\xEF\xBD\x98\xE4\xBE\x8B-1.co.jp",	/* ｅｘ例-1.co.jp */
			"-\xE4\xBE\x8B.jp",
			"\xE4\xBE\x8B-.jp",
			"\xE4\xBE\x8B..jp",
			"\xE4\xBE\x8B.jp.",
			"*.\xE6\x9D\xB1\xE4\xBA\xAC.\xE6\x9D\xB1\xE4\xBA\xAC.jp",
			"_x.\xE4\xBE\x8B.jp",
			"xn--r8jz45g.\xE4\xBE\x8B.jp",
			"XN--R8JZ45G.JP",
			"\xEF\xBD\x98\xEF\xBD\x8E\xEF\xBC\x8D\xEF\xBC\x8Dr8jz45g.jp",	/* ｘｎ－－r8jz45g.jp */
			"xn--abc.com",
			"xn--ls8h.com",
			"1a.xn--5dbqzzl.com",	/* Hebrew A-label beside a label starting with a digit */
			"xn--5dbqzzl.1a.com",
			"xn--zca.de",
			"xn--strae-oqa.xn--r8jz45g.jp",
			NULL
		};

		for (int i = 0; jp[i]; i++)
		{
			char		o1[DCV_DOMAIN_BUF],
						o2[DCV_DOMAIN_BUF];
			bool		w1,
						w2;
			dcv_error	e1,
						e2;
			dcv_status	s1 = dcv_normalize_domain(jp[i], strlen(jp[i]), true, o1, &w1, &e1);
			dcv_status	s2 = dcv_normalize_domain_slow(jp[i], strlen(jp[i]), true, o2, &w2, &e2);

			/* twice, so that the second answer comes from the memo */
			check(s1 == s2 && (s1 != DCV_OK || strcmp(o1, o2) == 0),
				  "label path and whole-name path differ on case %d", i);
			s1 = dcv_normalize_domain(jp[i], strlen(jp[i]), true, o1, &w1, &e1);
			check(s1 == s2 && (s1 != DCV_OK || strcmp(o1, o2) == 0),
				  "label memo and whole-name path differ on case %d", i);
		}
		domain_ok("\xEF\xBD\xB6\xEF\xBE\x9E.jp", "xn--mck.jp");	/* ｶﾞ -> ガ */
		/* libidn2 does not apply the CONTEXTO rule of U+30FB on lookup */
		domain_ok("\xE3\x83\xBB.jp", "xn--vek.jp");
	}

	domain_bad("", "empty");
	domain_bad(".", "empty");
	domain_bad("a..b", "empty label");
	domain_bad("example.com..", "empty label");
	domain_bad(".example.com", "empty label");
	domain_bad("foo bar.com", "contains \" \"");
	domain_bad("_dmarc.example.com", "contains \"_\"");
	domain_bad("_dmarc.\xE4\xBE\x8B\xE3\x81\x88.jp", "contains \"_\"");
	domain_bad("-a.example.com", "begins with a hyphen");
	domain_bad("a-.example.com", "ends with a hyphen");
	domain_bad("ab--cd.example.com", "third and fourth");
	domain_bad("xn--abc.com", "label \"xn--abc\" is not a valid A-label");
	domain_bad("xn--zz.com", NULL);
	domain_bad("xn--ls8h.com", NULL);	/* emoji: disallowed */
	domain_bad("1.2.3.4", "IPv4");
	domain_bad("example.123", "IPv4");
	domain_bad("::1", NULL);
	domain_bad("[192.0.2.1]", NULL);
	domain_bad("a.*.example.com", "whole first label");
	domain_bad("*example.com", "whole first label");
	domain_bad("*", "needs a domain");
	domain_bad("*.", "needs a domain");
	domain_bad("**.example.com", NULL);
	domain_bad("\xE2\x92\x88" "com", NULL);	/* U+2488 maps to "1." ... */
	domain_bad("a\x01.com", NULL);
	domain_bad("\xFF\xFE.com", "UTF-8");
	domain_bad("\xC0\xAE.com", "UTF-8");
	domain_bad("\xED\xA0\x80.com", "UTF-8");
	domain_bad("example.com\xE3\x80", "UTF-8");
	domain_bad("ex ample.com", NULL);
	domain_bad("\xEF\xBC\xA0.com", NULL);	/* fullwidth @ */

	/* lengths */
	memset(big, 'a', 63);
	strcpy(big + 63, ".com");
	domain_ok(big, big);
	memset(big, 'a', 64);
	strcpy(big + 64, ".com");
	domain_bad(big, "at most 63");
	{
		/* 253 octets is fine, 254 is not */
		char		name[300];
		size_t		p = 0;

		while (p < 240)
		{
			memset(name + p, 'a', 9);
			name[p + 9] = '.';
			p += 10;
		}
		memcpy(name + p, "abcdefghi.jp", 13);	/* 240 + 12 = 252 */
		domain_ok(name, name);
		memmove(name + 1, name, strlen(name) + 1);
		name[0] = 'b';			/* 253 */
		domain_ok(name, name);
		memmove(name + 1, name, strlen(name) + 1);
		name[0] = 'c';			/* 254 */
		domain_bad(name, "at most 253");
	}
	memset(big, 'a', 2000);
	big[2000] = '\0';
	domain_bad(big, "at most 1024");

	/* a wildcard is refused where not allowed */
	{
		char		out[DCV_DOMAIN_BUF];
		bool		wc;
		dcv_error	err;

		check(dcv_normalize_domain("*.a.com", 7, false, out, &wc, &err) == DCV_ERR_DOMAIN,
			  "wildcard refused when not allowed");
		check(dcv_normalize_domain("*.a.com", 7, true, out, &wc, &err) == DCV_OK && wc,
			  "wildcard flag set");
	}
}

/*
 * Kana and kanji labels are converted without libidn2 (domain.c): every
 * such character alone, and random labels mixing them with ASCII, fullwidth
 * forms and hyphens, must give what the whole-name path through libidn2 gives.
 */
static void
put_utf8(char **p, unsigned c)
{
	if (c < 0x80)
		*(*p)++ = (char) c;
	else
	{
		*(*p)++ = (char) (0xE0 | (c >> 12));
		*(*p)++ = (char) (0x80 | ((c >> 6) & 0x3F));
		*(*p)++ = (char) (0x80 | (c & 0x3F));
	}
}

static void
compare_paths(const char *name, int *compared, int *differ)
{
	char		o1[DCV_DOMAIN_BUF],
				o2[DCV_DOMAIN_BUF];
	bool		w1,
				w2;
	dcv_error	e1,
				e2;
	dcv_status	s1 = dcv_normalize_domain(name, strlen(name), true, o1, &w1, &e1);
	dcv_status	s2 = dcv_normalize_domain_slow(name, strlen(name), true, o2, &w2, &e2);

	(*compared)++;
	if (s1 != s2 || (s1 == DCV_OK && strcmp(o1, o2) != 0))
	{
		if ((*differ)++ < 10)
			printf("%s: fast %d %s, slow %d %s\n", name, s1, s1 == DCV_OK ? o1 : e1.detail,
				   s2, s2 == DCV_OK ? o2 : e2.detail);
	}
}

static void
test_kana_kanji(void)
{
	static const unsigned ranges[][2] = {
		{0x3041, 0x3096}, {0x30A1, 0x30FA}, {0x30FC, 0x30FC}, {0x4E00, 0x9FFF},
		{0x3097, 0x30A0}, {0x30FB, 0x30FB}, {0x30FD, 0x30FF}, {0xFF01, 0xFF5E}
	};
	int			compared = 0,
				differ = 0;
	unsigned	seed = 12345;

	for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++)
		for (unsigned c = ranges[r][0]; c <= ranges[r][1]; c++)
		{
			char		name[32],
					   *p = name;

			put_utf8(&p, c);
			strcpy(p, ".jp");
			compare_paths(name, &compared, &differ);
		}
	for (int k = 0; k < 20000; k++)
	{
		char		name[400],
				   *p = name;
		int			len = 1 + (int) ((seed = seed * 1103515245 + 12345) >> 16) % 14;

		for (int i = 0; i < len; i++)
		{
			unsigned	pick = (seed = seed * 1103515245 + 12345) >> 16;
			unsigned	c;

			switch (pick % 6)
			{
				case 0:
					c = "abcXYZ019-"[pick / 6 % 10];
					break;
				case 1:
					c = 0x3041 + pick / 6 % 0x56;
					break;
				case 2:
					c = 0x30A1 + pick / 6 % 0x5F;
					break;
				case 3:
					c = 0xFF01 + pick / 6 % 0x5E;
					break;
				default:
					c = 0x4E00 + pick / 6 % 0x5200;
					break;
			}
			put_utf8(&p, c);
		}
		strcpy(p, (k & 1) ? ".jp" : ".example.co.jp");
		compare_paths(name, &compared, &differ);
	}
	check(differ == 0 && compared > 40000,
		  "kana/kanji labels: fast and libidn2 paths agree on %d names (%d differ)",
		  compared, differ);

	/*
	 * And the fast path is taken: labels of characters already seen need no
	 * libidn2 at all (RFC 3492's sample 7.1 (L), 3年B組金八先生, and a reordering).
	 */
	{
		static const char *const names[] = {
			"3\xE5\xB9\xB4" "B\xE7\xB5\x84\xE9\x87\x91\xE5\x85\xAB\xE5\x85\x88\xE7\x94\x9F.jp",
			"\xE5\x85\x88\xE7\x94\x9F" "3b\xE5\xB9\xB4\xE7\xB5\x84.jp",
		};
		char		out[DCV_DOMAIN_BUF];
		bool		wc;
		dcv_error	err;
		unsigned long before = dcv_idn2_calls();

		check(dcv_normalize_domain(names[0], strlen(names[0]), false, out, &wc, &err) == DCV_OK &&
			  strcmp(out, "xn--3b-ww4c5e180e575a65lsy2b.jp") == 0,
			  "RFC 3492 7.1 (L): %s", out);
		check(dcv_normalize_domain(names[1], strlen(names[1]), false, out, &wc, &err) == DCV_OK,
			  "reordered kanji label");
		check(dcv_idn2_calls() == before,
			  "kana/kanji labels of known characters need no libidn2 (%lu calls)",
			  dcv_idn2_calls() - before);
	}
}

/*
 * Short names of ASCII letters, digits, hyphens, dots and stars take a
 * one-pass path: all of them up to four characters, and random longer ones,
 * must give what the library path gives.
 */
static void
test_ascii_names(void)
{
	static const char alphabet[] = "aZ9-.*x";
	int			compared = 0,
				differ = 0;
	unsigned	seed = 99;
	char		name[300];

	for (int len = 0; len <= 4; len++)
	{
		int			total = 1;

		for (int k = 0; k < len; k++)
			total *= 7;
		for (int c = 0; c < total; c++)
		{
			int			x = c;

			for (int k = 0; k < len; k++, x /= 7)
				name[k] = alphabet[x % 7];
			name[len] = '\0';
			compare_paths(name, &compared, &differ);
		}
	}
	for (int k = 0; k < 50000; k++)
	{
		int			len = (int) ((seed = seed * 1103515245 + 12345) >> 16) % 24;

		for (int i = 0; i < len; i++)
			name[i] = "abcXY09--..*n"[((seed = seed * 1103515245 + 12345) >> 16) % 13];
		strcpy(name + len, (k % 3) ? ".co.jp" : "");
		compare_paths(name, &compared, &differ);
	}
	/* long labels and names around the limits, with and without "*." */
	for (int l = 60; l <= 66; l++)
		for (int w = 0; w < 2; w++)
		{
			char	   *p = name;

			if (w)
				p += sprintf(p, "*.");
			memset(p, 'a', l);
			strcpy(p + l, ".jp");
			compare_paths(name, &compared, &differ);
		}
	for (int total = 250; total <= 256; total++)
		for (int w = 0; w < 2; w++)
		{
			int			o = 0;

			if (w)
				o += sprintf(name, "*.");
			while (o < total - 3)
			{
				name[o++] = 'b';
				if ((o % 10) == 0 && o < total - 4)
					name[o++] = '.';
			}
			strcpy(name + o, ".jp");
			compare_paths(name, &compared, &differ);
		}
	check(differ == 0 && compared > 50000,
		  "ASCII names: one-pass and library paths agree on %d names (%d differ)",
		  compared, differ);
}

/* ---- base domains ---- */

static void
base_ok(const char *in, const char *want)
{
	dcv_domain	d;
	dcv_error	err;
	char		slow[DCV_DOMAIN_BUF];
	dcv_status	st = dcv_domain_analyze(in, strlen(in), &d, &err);

	check(st == DCV_OK && strcmp(d.base, want) == 0,
		  "base(\"%s\") = \"%s\" (%s), want \"%s\"", in, st == DCV_OK ? d.base : "",
		  st == DCV_OK ? "" : err.detail, want);
	if (st == DCV_OK)
		check(dcv_base_domain_slow(d.name, slow, &err) == DCV_OK && strcmp(slow, d.base) == 0,
			  "slow base(\"%s\") differs", in);
}

static void
base_bad(const char *in)
{
	dcv_domain	d;
	dcv_error	err;
	dcv_status	st = dcv_domain_analyze(in, strlen(in), &d, &err);

	check(st == DCV_ERR_PUBLIC_SUFFIX, "base(\"%s\") should be a public suffix error, got %d (%s)",
		  in, st, st == DCV_OK ? d.base : err.detail);
}

static void
test_base(void)
{
	base_ok("www.shop.example.co.jp", "example.co.jp");
	base_ok("*.\xE4\xBE\x8B\xE3\x81\x88.jp", "xn--r8jz45g.jp");
	base_ok("city.kawasaki.jp", "city.kawasaki.jp");
	base_ok("www.city.kawasaki.jp", "city.kawasaki.jp");
	base_ok("foo.github.io", "github.io");
	base_ok("github.io", "github.io");
	base_ok("example.uk.com", "uk.com");
	base_ok("a.b.example.uk.com", "uk.com");
	base_ok("example.tokyo.jp", "example.tokyo.jp");
	base_ok("www.example.example", "example.example");
	base_ok("a.b.c.d.e.f.g.h.example.com", "example.com");
	base_ok("x.y.schools.nsw.edu.au", "y.schools.nsw.edu.au");
	base_ok("a.b.c.d.e.f.y.schools.nsw.edu.au", "y.schools.nsw.edu.au");
	base_ok("*.example.com", "example.com");
	base_bad("co.jp");
	base_bad("jp");
	base_bad("kawasaki.jp");
	base_bad("foo.kawasaki.jp");
	base_bad("com");
	base_bad("*.co.jp");
	base_bad("localhost");
	base_bad("schools.nsw.edu.au");
}

/*
 * The walk in dcv_base_domain skips suffixes of more than 6 labels: that
 * holds only while no ICANN rule has more than 5 labels.  Check the list.
 */
static void
test_psl_depth(void)
{
	FILE	   *f = fopen("/usr/share/publicsuffix/public_suffix_list.dat", "r");
	char		line[512];
	bool		icann = false;
	int			maxlabels = 0;

	check(f != NULL, "public_suffix_list.dat is readable");
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f))
	{
		char	   *r = line;
		int			n = 1;

		if (strstr(line, "===BEGIN ICANN DOMAINS==="))
			icann = true;
		if (strstr(line, "===END ICANN DOMAINS==="))
			icann = false;
		if (!icann || line[0] == '/' || line[0] == '\n' || line[0] == ' ')
			continue;
		if (r[0] == '!')
			r++;
		if (r[0] == '*' && r[1] == '.')
			r += 2;
		for (char *p = r; *p && *p != '\n' && *p != ' '; p++)
			if (*p == '.')
				n++;
		if (n > maxlabels)
			maxlabels = n;
	}
	fclose(f);
	check(maxlabels >= 2 && maxlabels + 1 <= 6,
		  "ICANN rules have at most %d labels; the base-domain walk assumes at most 5", maxlabels);
}

/*
 * dcv's own table of the list must answer as libpsl does: every rule of the
 * file, one and two labels below it, and its parent, through both paths.
 */
static void
test_psl_table(void)
{
	FILE	   *f = fopen("/usr/share/publicsuffix/public_suffix_list.dat", "r");
	char		line[512];
	int			compared = 0,
				differ = 0;

	check(dcv_psl_table_ready(true), "the Public Suffix List table is in use");
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f))
	{
		char	   *r = line;
		char		norm[DCV_DOMAIN_BUF];
		bool		wc;
		dcv_error	err;

		if (line[0] == '/' || line[0] == '\n' || line[0] == ' ')
			continue;
		r[strcspn(r, " \t\r\n")] = '\0';
		if (r[0] == '!')
			r++;
		if (r[0] == '*' && r[1] == '.')
			r += 2;
		if (dcv_normalize_domain(r, strlen(r), false, norm, &wc, &err) != DCV_OK)
			continue;
		for (int k = 0; k < 4; k++)
		{
			static const char *const prefix[] = {"", "a.", "b.a.", "c.b.a."};
			char		name[DCV_DOMAIN_BUF * 2];
			char		fast[DCV_DOMAIN_BUF],
						slow[DCV_DOMAIN_BUF];
			dcv_status	s1,
						s2;

			snprintf(name, sizeof(name), "%s%s", prefix[k], norm);
			if (strlen(name) > DCV_DOMAIN_MAX)
				continue;
			s1 = dcv_base_domain(name, fast, &err);
			s2 = dcv_base_domain_slow(name, slow, &err);
			compared++;
			if (s1 != s2 || (s1 == DCV_OK && strcmp(fast, slow) != 0))
			{
				if (differ++ < 10)
					printf("base domain of %s: table %s, libpsl %s\n", name,
						   s1 == DCV_OK ? fast : "(none)", s2 == DCV_OK ? slow : "(none)");
			}
		}
	}
	fclose(f);

	/*
	 * Under a top-level label the list does not know only the implicit "*"
	 * rule applies, although libpsl's built-in data calls "x.m" a public
	 * suffix; under "za", which is no rule of its own, the list's rules do.
	 */
	{
		static const char *const odd[] = {"x.m", "example.m", "a.example.m", "example.zz",
		"www.example.co.za", "co.za", "x.y.za", NULL};

		for (int i = 0; odd[i]; i++)
		{
			char		fast[DCV_DOMAIN_BUF],
						slow[DCV_DOMAIN_BUF];
			dcv_error	err;
			dcv_status	s1 = dcv_base_domain(odd[i], fast, &err);
			dcv_status	s2 = dcv_base_domain_slow(odd[i], slow, &err);

			check(s1 == s2 && (s1 != DCV_OK || strcmp(fast, slow) == 0),
				  "table and libpsl agree on %s", odd[i]);
		}
		base_ok("www.example.m", "example.m");
		base_ok("x.m", "x.m");
		base_ok("a.b.c.zz", "c.zz");
		base_ok("www.example.co.za", "example.co.za");
		base_ok("x.y.za", "y.za");
		base_bad("co.za");
		base_bad("m");
	}
	check(compared > 30000 && differ == 0,
		  "table and libpsl agree on %d names (%d differ)", compared, differ);
}

/* ---- e-mail addresses ---- */

static void
email_ok(const char *in, const char *want)
{
	char		out[DCV_EMAIL_BUF];
	size_t		len;
	dcv_error	err;
	dcv_status	st = dcv_normalize_email(in, strlen(in), out, &len, &err);

	check(st == DCV_OK && strcmp(out, want) == 0 && len == strlen(want),
		  "normalize_email(\"%s\") = \"%s\" (%s), want \"%s\"", in, st == DCV_OK ? out : "",
		  st == DCV_OK ? "" : err.detail, want);
	if (st == DCV_OK)
	{
		char		again[DCV_EMAIL_BUF];

		check(dcv_normalize_email(out, len, again, &len, &err) == DCV_OK && strcmp(again, out) == 0,
			  "normalize_email not idempotent on \"%s\"", out);
	}
}

static void
email_bad(const char *in, const char *detail_part)
{
	char		out[DCV_EMAIL_BUF];
	size_t		len;
	dcv_error	err;
	dcv_status	st = dcv_normalize_email(in, strlen(in), out, &len, &err);

	check(st == DCV_ERR_EMAIL, "normalize_email(\"%s\") should fail, got \"%s\"", in,
		  st == DCV_OK ? out : err.detail);
	if (st == DCV_ERR_EMAIL && detail_part)
		check(strstr(err.detail, detail_part) != NULL,
			  "normalize_email(\"%s\") detail \"%s\" lacks \"%s\"", in, err.detail, detail_part);
}

static void
test_emails(void)
{
	char		big[200];

	email_ok(" Admin@Example.CO.JP ", "admin@example.co.jp");
	email_ok("\tadmin@example.com\r\n", "admin@example.com");
	email_ok("admin@example.com.", "admin@example.com");
	email_ok("first.last+tag@example.com", "first.last+tag@example.com");
	email_ok("a#$&'*+-/=?^_`{|}~@example.com", "a#$&'*+-/=?^_`{|}~@example.com");
	email_ok("admin@\xE4\xBE\x8B\xE3\x81\x88.jp", "admin@xn--r8jz45g.jp");
	email_ok("admin@\xEF\xBD\x85xample.com", "admin@example.com");
	email_ok("admin@ex\xD0\xB0mple.com", "admin@xn--exmple-4nf.com");

	email_bad("REDACTED FOR PRIVACY", "no \"@\"");
	email_bad("", "empty");
	email_bad("   ", "empty");
	email_bad("\"a@b\"@example.com", "quoted");
	email_bad("\"admin\"@example.com", "quoted");
	email_bad("admin%evil.example@example.com", "route");
	email_bad("evil.example!admin@example.com", "route");
	email_bad("Name <a@example.com>", "angle brackets");
	email_bad("<a@example.com>", "angle brackets");
	email_bad("admin@[192.0.2.1]", "literal");
	email_bad("admin(comment)@example.com", "comments");
	email_bad("a@b@example.com", "more than one");
	email_bad("admin\xEF\xBC\xA0" "example.com", "FULLWIDTH COMMERCIAL AT");
	email_bad("admin@localhost", "single label");
	email_bad("admin@", "domain part is empty");
	email_bad("@example.com", "local part is empty");
	email_bad(".admin@example.com", "begins with a dot");
	email_bad("admin.@example.com", "ends with a dot");
	email_bad("ad..min@example.com", "two dots");
	email_bad("ad min@example.com", "white space");
	email_bad("ad\x01min@example.com", "control");
	email_bad("\xE7\xAE\xA1\xE7\x90\x86@example.com", "outside ASCII");
	email_bad("admin@*.example.com", "wildcard");
	email_bad("admin@example..com", "empty label");
	email_bad("admin@exa_mple.com", "not a valid host name");
	email_bad("admin@1.2.3.4", "IPv4");
	email_bad("https://example.com/contact", NULL);
	email_bad("admin,x@example.com", "dot-atom");
	email_bad("admin;@example.com", "dot-atom");
	email_bad("admin\\@example.com", "dot-atom");
	email_bad("admin@exa\xFFmple.com", "UTF-8");
	memset(big, 'a', 65);
	strcpy(big + 65, "@example.com");
	email_bad(big, "at most 64");
	memset(big, 'a', 64);
	strcpy(big + 64, "@example.com");
	email_ok(big, big);
}

/* ---- candidates and decisions ---- */

static dcv_str
S(const char *s)
{
	dcv_str		r = {s, s ? strlen(s) : 0};

	return r;
}

static void
test_candidates(void)
{
	dcv_domain	d;
	dcv_error	err;
	dcv_candidates c;
	dcv_str		whois[] = {S("Zed@example.co.jp"), S("REDACTED FOR PRIVACY"),
	S("admin@EXAMPLE.co.jp"), S(NULL), S("abc@registrar.example")};
	const char *want[] = {"abc@registrar.example", "admin@example.co.jp", "zed@example.co.jp",
		"administrator@example.co.jp", "hostmaster@example.co.jp", "postmaster@example.co.jp",
	"webmaster@example.co.jp"};
	dcv_source	wsrc[] = {0, 0, 0, 1, 1, 1, 1};

	check(dcv_domain_analyze("www.Example.co.jp", 17, &d, &err) == DCV_OK, "analyze");
	dcv_build_candidates(&d, whois, 5, false, &alloc, &c);
	check(c.n == 7, "candidates count %zu, want 7", c.n);
	for (size_t i = 0; i < 7 && i < c.n; i++)
		check(strcmp(c.items[i].email, want[i]) == 0 && c.items[i].source == wsrc[i],
			  "candidate %zu = %s/%s, want %s", i, c.items[i].email,
			  dcv_source_name(c.items[i].source), want[i]);
	check(dcv_candidates_contain(&c, "zed@example.co.jp"), "contains whois");
	check(dcv_candidates_contain(&c, "webmaster@example.co.jp"), "contains constructed");
	check(!dcv_candidates_contain(&c, "admin@www.example.co.jp"), "subdomain not without flag");
	check(!dcv_candidates_contain(&c, "REDACTED FOR PRIVACY"), "redacted not a candidate");

	dcv_build_candidates(&d, whois, 5, true, &alloc, &c);
	check(c.n == 12, "with subdomains: %zu, want 12", c.n);
	check(c.n == 12 && strcmp(c.items[7].email, "admin@www.example.co.jp") == 0 &&
		  c.items[7].source == DCV_SRC_SUBDOMAIN, "first subdomain candidate");

	check(dcv_domain_analyze("a.b.shop.example.co.jp", 22, &d, &err) == DCV_OK, "analyze deep");
	dcv_build_candidates(&d, NULL, 0, true, &alloc, &c);
	check(c.n == 5 + 15, "deep: %zu candidates, want 20", c.n);
	check(c.n == 20 && strcmp(c.items[5].email, "admin@a.b.shop.example.co.jp") == 0 &&
		  strcmp(c.items[19].email, "webmaster@shop.example.co.jp") == 0, "deep order");

	check(dcv_domain_analyze("*.shop.example.co.jp", 20, &d, &err) == DCV_OK, "analyze wildcard");
	dcv_build_candidates(&d, NULL, 0, true, &alloc, &c);
	check(c.n == 10 && strcmp(c.items[5].email, "admin@shop.example.co.jp") == 0,
		  "wildcard: subdomain at the name without *.");

	check(dcv_domain_analyze("*.example.co.jp", 15, &d, &err) == DCV_OK, "analyze wc base");
	dcv_build_candidates(&d, NULL, 0, true, &alloc, &c);
	check(c.n == 5, "wildcard of base: no subdomain candidates (%zu)", c.n);

	/* a WHOIS entry equal to a constructed one is listed once, as WHOIS */
	{
		dcv_str		w2[] = {S("hostmaster@example.co.jp"), S(" HOSTMASTER@example.co.jp ")};

		dcv_domain_analyze("example.co.jp", 13, &d, &err);
		dcv_build_candidates(&d, w2, 2, false, &alloc, &c);
		check(c.n == 5 && c.n_whois == 1 && strcmp(c.items[0].email, "hostmaster@example.co.jp") == 0 &&
			  strcmp(c.items[3].email, "postmaster@example.co.jp") == 0, "dedupe with constructed");
	}
	test_arena_reset(&ar);
}

static dcv_status
decide(dcv_line line, dcv_era era, const char *domain, const dcv_str *des, size_t nd,
	   const dcv_str *whois, size_t nw, bool sub, dcv_decision *out, dcv_error *err)
{
	dcv_decision_in in = {line, era, sub, S(domain), des, nd, whois, nw, NULL, 0, false};

	return dcv_decide(&in, &alloc, out, err);
}

static void
want_recipients(const char *name, dcv_status st, const dcv_decision *d, dcv_rule rule,
				const char *const *want, size_t n)
{
	bool		ok = st == DCV_OK && d->n == n && d->rule == rule;

	for (size_t i = 0; ok && i < n; i++)
		ok = strcmp(d->recipients[i], want[i]) == 0;
	check(ok, "%s: status %d, rule %s, %zu recipients (first %s)", name, st,
		  st == DCV_OK ? dcv_rule_name(d->rule) : "-", st == DCV_OK ? d->n : 0,
		  st == DCV_OK && d->n ? d->recipients[0] : "-");
}

static void
test_decisions(void)
{
	dcv_decision d;
	dcv_error	err;
	dcv_status	st;
	dcv_str		w1[] = {S("b@example.co.jp"), S("A@example.co.jp")};
	dcv_str		redacted[] = {S("REDACTED FOR PRIVACY")};
	dcv_str		webm[] = {S("WEBMASTER@example.com")};
	dcv_str		evil[] = {S("admin@evil.example")};
	dcv_str		z[] = {S("z@example.com")};
	dcv_str		nulls[] = {S(NULL), S(NULL)};

	st = decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "www.example.co.jp", NULL, 0, w1, 2, false, &d, &err);
	want_recipients("whois_first", st, &d, DCV_RULE_WHOIS_FIRST,
					(const char *[]) {"a@example.co.jp"}, 1);
	st = decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "\xE4\xBE\x8B\xE3\x81\x88.jp", NULL, 0, NULL, 0, false, &d, &err);
	want_recipients("admin_fallback idn", st, &d, DCV_RULE_ADMIN_FALLBACK,
					(const char *[]) {"admin@xn--r8jz45g.jp"}, 1);
	st = decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "www.example.com", NULL, 0, redacted, 1, false, &d, &err);
	want_recipients("admin_fallback redacted", st, &d, DCV_RULE_ADMIN_FALLBACK,
					(const char *[]) {"admin@example.com"}, 1);
	st = decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "www.example.com", nulls, 2, NULL, 0, false, &d, &err);
	want_recipients("all-NULL designated is none", st, &d, DCV_RULE_ADMIN_FALLBACK,
					(const char *[]) {"admin@example.com"}, 1);
	st = decide(DCV_LINE_DV, DCV_ERA_NOTICE, "example.com", webm, 1, NULL, 0, false, &d, &err);
	want_recipients("dv designated", st, &d, DCV_RULE_DESIGNATED,
					(const char *[]) {"webmaster@example.com"}, 1);
	st = decide(DCV_LINE_DV, DCV_ERA_NOTICE, "example.com", NULL, 0, NULL, 0, false, &d, &err);
	check(st == DCV_ERR_NO_DESIGNATED, "dv without designated fails (%d)", st);
	st = decide(DCV_LINE_DV, DCV_ERA_NOTICE, "example.com", nulls, 2, NULL, 0, false, &d, &err);
	check(st == DCV_ERR_NO_DESIGNATED, "dv with NULLs only fails (%d)", st);
	st = decide(DCV_LINE_DV, DCV_ERA_NOTICE, "example.com", evil, 1, NULL, 0, false, &d, &err);
	check(st == DCV_ERR_NOT_CANDIDATE && err.index == 0, "dv designated evil fails (%d)", st);
	st = decide(DCV_LINE_OV_EV, DCV_ERA_BEFORE_NOTICE, "example.com", NULL, 0, z, 1, false, &d, &err);
	want_recipients("before notice", st, &d, DCV_RULE_ALL_CANDIDATES,
					(const char *[]) {"z@example.com", "admin@example.com", "administrator@example.com",
		"hostmaster@example.com", "postmaster@example.com", "webmaster@example.com"}, 6);
	st = decide(DCV_LINE_DV, DCV_ERA_BEFORE_NOTICE, "example.com", evil, 1, NULL, 0, false, &d, &err);
	want_recipients("before notice ignores designated", st, &d, DCV_RULE_ALL_CANDIDATES,
					(const char *[]) {"admin@example.com", "administrator@example.com",
		"hostmaster@example.com", "postmaster@example.com", "webmaster@example.com"}, 5);
	st = decide(DCV_LINE_OV_EV, DCV_ERA_NO_WHOIS, "example.com", NULL, 0, z, 1, false, &d, &err);
	want_recipients("no whois era: admin fallback", st, &d, DCV_RULE_ADMIN_FALLBACK,
					(const char *[]) {"admin@example.com"}, 1);
	st = decide(DCV_LINE_OV_EV, DCV_ERA_NO_WHOIS, "example.com", z, 1, z, 1, false, &d, &err);
	check(st == DCV_ERR_NOT_CANDIDATE && strstr(err.detail, "SC-080"), "no whois era: whois designated refused");
	st = decide(DCV_LINE_OV_EV, DCV_ERA_NO_EMAIL, "example.com", NULL, 0, z, 1, false, &d, &err);
	check(st == DCV_ERR_NO_EMAIL_METHOD, "no email era fails");
	st = decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "co.jp", NULL, 0, NULL, 0, false, &d, &err);
	check(st == DCV_ERR_PUBLIC_SUFFIX, "public suffix fails");
	st = decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "exa mple.com", NULL, 0, NULL, 0, false, &d, &err);
	check(st == DCV_ERR_DOMAIN, "bad domain fails");

	{
		dcv_str		des[] = {S("admin@example.com"), S(NULL), S("z@example.com"), S("ADMIN@example.com"),
		S("webmaster@example.com")};

		st = decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "www.example.com", des, 5, z, 1, false, &d, &err);
		want_recipients("designated dedupe keeps order", st, &d, DCV_RULE_DESIGNATED,
						(const char *[]) {"admin@example.com", "z@example.com", "webmaster@example.com"}, 3);
	}
	{
		dcv_str		des[] = {S("admin@www.example.com")};

		st = decide(DCV_LINE_DV, DCV_ERA_NOTICE, "www.example.com", des, 1, NULL, 0, false, &d, &err);
		check(st == DCV_ERR_NOT_CANDIDATE && strstr(err.detail, "subdomain"), "subdomain needs flag");
		st = decide(DCV_LINE_DV, DCV_ERA_NOTICE, "www.example.com", des, 1, NULL, 0, true, &d, &err);
		want_recipients("subdomain with flag", st, &d, DCV_RULE_DESIGNATED,
						(const char *[]) {"admin@www.example.com"}, 1);
	}
	{
		dcv_str		des[] = {S("admin@example.com"), S("not an address")};

		st = decide(DCV_LINE_DV, DCV_ERA_NOTICE, "example.com", des, 2, NULL, 0, false, &d, &err);
		check(st == DCV_ERR_DESIGNATED_UNUSABLE && err.index == 1, "unusable designated, index 1");
	}
	test_arena_reset(&ar);
}

/*
 * The checks of UTS#46 that libidn2 skips (uts46.c): the three non-ASCII
 * code points STD3 rules forbid, in every spelling, and the Bidi rule over
 * every label of a name with a right-to-left label.
 */
static void
test_uts46(void)
{
	/* U+2260, U+226E, U+226F: precomposed, decomposed, as A-labels */
	domain_bad("\xE2\x89\xA0.com", "U+2260");
	domain_bad("=\xCC\xB8.com", "U+2260");
	domain_bad("xn--1ch.com", "U+2260");
	domain_bad("XN--1CH.com", "STD3");
	domain_bad("\xE2\x89\xAE.com", "U+226E");
	domain_bad("<\xCC\xB8.com", "U+226E");
	domain_bad(">\xCC\xB8.com", "U+226F");
	domain_bad("a\xE2\x89\xAF" "b.example.com", "U+226F");
	domain_bad("www.\xE4\xBE\x8B\xE2\x89\xA0.jp", "U+2260");	/* beside kanji */

	/* Bidi rule 1: a label of a Bidi domain name that begins with a digit */
	domain_bad("1.\xD7\x90", "RFC 5893 rule 1");
	domain_bad("1a.xn--5dbqzzl.com", "RFC 5893 rule 1");
	domain_bad("xn--0-sfa.xn--4db", "RFC 5893 rule 1");	/* 0à.א */
	/* rule 4: European and Arabic-Indic digits in one right-to-left label */
	domain_bad("\xD7\x90" "0\xD9\xA0\xD7\x90.com", "RFC 5893 rule 4");
	domain_bad("xn--0ca.xn--0-zhc74b", "RFC 5893 rule 4");	/* à.א0٠ */
	/* rule 6: a left-to-right label ending with U+02C7 (class ON) */
	domain_bad("a\xCB\x87.\xD7\x90.com", "RFC 5893 rule 6");
	domain_bad("xn--0ca88g.xn--4db", "RFC 5893 rule 6");	/* àˇ.א */
	/* rules 2, 3 and 5, which libidn2 also checks, label by label */
	domain_bad("\xD7\x90" "a.com", NULL);
	domain_bad("a\xD7\x90.com", NULL);

	/* and what must still pass */
	domain_ok("\xD7\x99\xD7\xA9\xD7\xA8\xD7\x90\xD7\x9C", "xn--4dbrk0ce");	/* ישראל */
	domain_ok("xn--4dbrk0ce", "xn--4dbrk0ce");
	domain_ok("www.xn--4dbrk0ce.co.il", "www.xn--4dbrk0ce.co.il");
	domain_ok("*.xn--4dbrk0ce.co.il", "*.xn--4dbrk0ce.co.il");	/* "*" is no label */
	domain_ok("\xD9\x85\xD8\xAB\xD8\xA7\xD9\x84.\xD8\xA5\xD8\xAE\xD8\xAA\xD8\xA8\xD8\xA7\xD8\xB1",
			  "xn--mgbh0fb.xn--kgbechtv");	/* مثال.إختبار */
	domain_ok("\xD7\x90" "1.com", "xn--1-zhc.com");	/* ends with EN */
	domain_ok("xn--0ca.xn--ssa73l", "xn--0ca.xn--ssa73l");	/* à.א̈: ends with NSM */
	domain_ok("\xD8\xA7\xD9\xA1.example", "xn--mgb0j.example");	/* AL AN */
	domain_ok("a0.\xD7\x90.com", "a0.xn--4db.com");
	domain_ok("xn--r8jz45g.xn--4dbrk0ce.com", "xn--r8jz45g.xn--4dbrk0ce.com");
	domain_ok("exa-mple1.com", "exa-mple1.com");
	domain_ok("1.example.com", "1.example.com");	/* no Bidi: digits first are fine */
	domain_ok("xn--exmple-4nf.com", "xn--exmple-4nf.com");
}

#include "unit_dns.c"

/* ---- a list a DBA chooses (run last: it changes the list in force) ---- */

static void
test_psl_use(void)
{
	char		path[] = "/tmp/dcv-unit-psl-XXXXXX";
	char		problem[512];
	dcv_psl_list l;
	int			fd = mkstemp(path);
	FILE	   *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	check(f != NULL, "a temporary list file");
	if (f == NULL)
		return;
	fputs("// VERSION: 2024-12-04_12-00-00_UTC\n// ===BEGIN ICANN DOMAINS===\njp\nexample.jp\n"
		  "// ===END ICANN DOMAINS===\n// ===BEGIN PRIVATE DOMAINS===\nblogspot.jp\n"
		  "// ===END PRIVATE DOMAINS===\n", f);
	fclose(f);

	dcv_psl_describe(&l);
	check(l.builtin && strcmp(l.source, "built-in") == 0 && l.rules > 5000 && l.icann_rules > 5000,
		  "the built-in list described: %s %d %d", l.source, l.rules, l.icann_rules);

	check(dcv_psl_use(path, problem, sizeof(problem)), "the small list is used: %s", problem);
	base_ok("www.shop.example.jp", "shop.example.jp");
	base_ok("www.example.co.jp", "co.jp");
	base_ok("www.example.com", "example.com");
	base_bad("example.jp");
	dcv_psl_describe(&l);
	check(!l.builtin && strcmp(l.source, path) == 0 && strcmp(l.date, "2024-12-04") == 0 &&
		  l.rules == 3 && l.icann_rules == 2,
		  "the small list described: %s %s %d %d", l.source, l.date, l.rules, l.icann_rules);

	/* a file that cannot be used leaves the list in force */
	check(!dcv_psl_use("/nonexistent/list.dat", problem, sizeof(problem)) &&
		  strstr(problem, "cannot read") != NULL, "an unreadable list is refused: %s", problem);
	f = fopen(path, "w");
	if (f)
	{
		fputs("example.jp\n", f);
		fclose(f);
	}
	check(!dcv_psl_use(path, problem, sizeof(problem)) &&
		  strstr(problem, "no ICANN section") != NULL, "a list without an ICANN section is refused: %s",
		  problem);
	base_ok("www.shop.example.jp", "shop.example.jp");

	check(dcv_psl_use("", problem, sizeof(problem)), "back to the built-in list");
	base_ok("www.shop.example.jp", "example.jp");
	base_ok("www.example.co.jp", "example.co.jp");
	dcv_psl_describe(&l);
	check(l.builtin, "the built-in list again");
	unlink(path);
}

int
main(void)
{
	test_domains();
	test_kana_kanji();
	test_ascii_names();
	test_uts46();
	test_base();
	test_psl_depth();
	test_psl_table();
	test_base();				/* again, now through the table */
	test_emails();
	test_candidates();
	test_decisions();
	test_dns();
	test_psl_use();
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
