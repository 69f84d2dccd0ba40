/*
 * unit_dns.c
 *		Unit tests of the DNS-published contacts (src/core/dns.c; doc/rules.md,
 *		"DNS-published contacts"): record lines parsed, the TXT contacts at
 *		_validation-contactemail.<ADN>, the CAA contactemail properties of the
 *		relevant record sets, aliases, refused values, candidates and
 *		decisions.  Included by unit.c, whose helpers (check, S, the arena) it
 *		uses.
 */

/* ---- records, parsed ---- */

/* Appends s (len bytes) to out, quoted, bytes outside printable ASCII as \xNN. */
static void
dns_put_quoted(char *out, size_t size, const char *s, size_t len)
{
	size_t		o = strlen(out);

	if (o + 2 < size)
		out[o++] = '"';
	for (size_t i = 0; i < len && o + 6 < size; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
			out[o++] = (char) c;
		else
			o += (size_t) snprintf(out + o, 5, "\\x%02X", c);
	}
	if (o + 1 < size)
		out[o++] = '"';
	out[o] = '\0';
}

/*
 * A parsed record as one line: "TXT owner "s1" "s2"", "CAA owner flags tag
 * "value"", "CNAME owner target", or "NAME(code) owner" for another type.
 */
static const char *
dns_render(const dcv_rr *rr)
{
	static char buf[4096];

	buf[0] = '\0';
	switch (rr->type)
	{
		case DCV_RR_TXT:
			snprintf(buf, sizeof(buf), "TXT %s", rr->owner);
			for (size_t i = 0; i < rr->n_strings; i++)
			{
				strcat(buf, " ");
				dns_put_quoted(buf, sizeof(buf), rr->strings[i].ptr, rr->strings[i].len);
			}
			break;
		case DCV_RR_CAA:
			snprintf(buf, sizeof(buf), "CAA %s %d ", rr->owner, rr->caa_flags);
			dns_put_quoted(buf, sizeof(buf), rr->caa_tag.ptr, rr->caa_tag.len);
			strcat(buf, " ");
			dns_put_quoted(buf, sizeof(buf), rr->caa_value.ptr, rr->caa_value.len);
			break;
		case DCV_RR_CNAME:
			snprintf(buf, sizeof(buf), "CNAME %s %s", rr->owner, rr->target);
			break;
		default:
			snprintf(buf, sizeof(buf), "%s(%u) %s", rr->type_name, rr->type, rr->owner);
			break;
	}
	return buf;
}

/* The record line (len bytes) parses, and reads as want. */
static void
dns_parse_len(const char *line, size_t len, const char *want)
{
	dcv_rr		rr;
	dcv_error	err;
	dcv_status	st = dcv_rr_parse(line, len, &alloc, &rr, &err);
	char		shown[600] = "";

	dns_put_quoted(shown, sizeof(shown), line, len);
	check(st == DCV_OK && strcmp(dns_render(&rr), want) == 0,
		  "dcv_rr_parse(%s) = %s (%s), want %s", shown,
		  st == DCV_OK ? dns_render(&rr) : "error", st == DCV_OK ? "" : err.detail, want);
}

static void
dns_parse(const char *line, const char *want)
{
	dns_parse_len(line, strlen(line), want);
}

/* The record line does not parse, and the detail says why (detail_part). */
static void
dns_parse_bad_len(const char *line, size_t len, const char *detail_part)
{
	dcv_rr		rr;
	dcv_error	err;
	dcv_status	st = dcv_rr_parse(line, len, &alloc, &rr, &err);
	char		shown[600] = "";

	dns_put_quoted(shown, sizeof(shown), line, len);
	check(st == DCV_ERR_DOMAIN, "dcv_rr_parse(%s) should fail, got %s", shown,
		  st == DCV_OK ? dns_render(&rr) : err.detail);
	if (st == DCV_ERR_DOMAIN && detail_part)
		check(strstr(err.detail, detail_part) != NULL,
			  "dcv_rr_parse(%s) detail \"%s\" lacks \"%s\"", shown, err.detail, detail_part);
}

static void
dns_parse_bad(const char *line, const char *detail_part)
{
	dns_parse_bad_len(line, strlen(line), detail_part);
}

/*
 * The record line does not parse (detail_part says why), and its owner and
 * type were read (type, owner) or not (type 0, owner NULL).
 */
static void
dns_unread(const char *line, const char *detail_part, unsigned type, const char *owner)
{
	dcv_rr		rr;
	dcv_error	err;
	dcv_status	st = dcv_rr_parse(line, strlen(line), &alloc, &rr, &err);
	char		shown[600] = "";

	dns_put_quoted(shown, sizeof(shown), line, strlen(line));
	check(st == DCV_ERR_DOMAIN && strstr(err.detail, detail_part) != NULL,
		  "dcv_rr_parse(%s) should fail with \"%s\", got %s", shown, detail_part,
		  st == DCV_OK ? dns_render(&rr) : err.detail);
	if (owner)
		check(rr.typed && rr.type == type && strcmp(rr.owner, owner) == 0,
			  "dcv_rr_parse(%s): typed %d, type %u, owner \"%s\"; want type %u, owner \"%s\"",
			  shown, rr.typed, rr.type, rr.owner, type, owner);
	else
		check(!rr.typed, "dcv_rr_parse(%s): owner and type read (%u, \"%s\"), want neither",
			  shown, rr.type, rr.owner);
}

static void
test_dns_parse(void)
{
	char		line[2048];
	char	   *p;

	/* dig's answer line; owner with or without the final dot; TTL and class optional */
	dns_parse("_validation-contactemail.example.com. 300 IN TXT \"ops@example.com\"",
			  "TXT _validation-contactemail.example.com \"ops@example.com\"");
	dns_parse("_validation-contactemail.example.com TXT \"ops@example.com\"",
			  "TXT _validation-contactemail.example.com \"ops@example.com\"");
	dns_parse("x.example.com. 300 TXT \"a\"", "TXT x.example.com \"a\"");
	dns_parse("x.example.com. IN TXT \"a\"", "TXT x.example.com \"a\"");
	dns_parse("x.example.com. IN 300 TXT \"a\"", "TXT x.example.com \"a\"");
	dns_parse("x.example.com. 0 IN TXT \"a\"", "TXT x.example.com \"a\"");
	dns_parse("x.example.com.\t2147483647\tIN\tTXT\t\"a\"", "TXT x.example.com \"a\"");
	dns_parse("x.example.com. CLASS1 TXT \"a\"", "TXT x.example.com \"a\"");
	dns_parse("  x.example.com.   TXT   \"a\"   ", "TXT x.example.com \"a\"");
	dns_parse("x.example.com. TXT \"a\"\n", "TXT x.example.com \"a\"");
	dns_parse("x.example.com. TXT \"a\"\r\n", "TXT x.example.com \"a\"");
	/* names, classes and types in any case */
	dns_parse("X.Example.COM. in txt \"a\"", "TXT x.example.com \"a\"");
	dns_parse("X.Example.COM. In Txt \"A\"", "TXT x.example.com \"A\"");
	dns_parse("_Validation-ContactEmail.EXAMPLE.com TXT a",
			  "TXT _validation-contactemail.example.com \"a\"");
	/* other classes, and two TTLs or classes */
	dns_parse_bad("x.example.com. 300 CH TXT \"a\"", "class is not IN");
	dns_parse_bad("x.example.com. HS TXT \"a\"", "class is not IN");
	dns_parse_bad("x.example.com. any TXT \"a\"", "class is not IN");
	dns_parse_bad("x.example.com. CLASS3 TXT \"a\"", "class is not IN");
	dns_parse_bad("x.example.com. 300 600 TXT \"a\"", "two TTLs");
	dns_parse_bad("x.example.com. IN IN TXT \"a\"", "two classes");
	dns_parse_bad("x.example.com. 2147483648 TXT \"a\"", "TTL");
	dns_parse_bad("x.example.com. 300 IN", "no record type");
	dns_parse_bad("x.example.com.", "no record type");
	dns_parse_bad("x.example.com. \"TXT\" \"a\"", "no record type");

	/* RFC 3597 type names */
	dns_parse("x TYPE16 \"a\"", "TXT x \"a\"");
	dns_parse("x type16 a", "TXT x \"a\"");
	dns_parse("x TYPE257 0 contactemail \"ops@example.com\"",
			  "CAA x 0 \"contactemail\" \"ops@example.com\"");
	dns_parse("x TYPE5 Target.Example.NET.", "CNAME x target.example.net");
	dns_parse("x Caa 0 issue \"ca.example\"", "CAA x 0 \"issue\" \"ca.example\"");
	dns_parse("x cname y.example.net.", "CNAME x y.example.net");
	dns_parse("x CNAME Y.Example.Net", "CNAME x y.example.net");
	/* other types parse and are not read */
	dns_parse("x.example.com. 300 IN MX 10 mail.example.com.", "MX(0) x.example.com");
	dns_parse("x.example.com. 300 IN A 192.0.2.1", "A(0) x.example.com");
	dns_parse("x.example.com. TYPE99 \\# 0", "TYPE99(99) x.example.com");
	dns_parse("x.example.com. spf \"v=spf1 -all\"", "SPF(0) x.example.com");

	/* character-strings: quoted or bare, one or more */
	dns_parse("x TXT ops@example.com", "TXT x \"ops@example.com\"");
	dns_parse("x TXT \"a b\"", "TXT x \"a b\"");
	dns_parse("x TXT \"a\" \"b\"", "TXT x \"a\" \"b\"");
	dns_parse("x TXT a \"b c\" d", "TXT x \"a\" \"b c\" \"d\"");
	dns_parse("x TXT \"\"", "TXT x \"\"");
	/* escapes: \" \\ \DDD, and \X for any other X */
	dns_parse("x TXT \"a\\\"b\"", "TXT x \"a\\x22b\"");
	dns_parse("x TXT \"a\\\\b\"", "TXT x \"a\\x5Cb\"");
	dns_parse("x TXT \"\\065\\066\\067\"", "TXT x \"ABC\"");
	dns_parse("x TXT \"\\000\\255\"", "TXT x \"\\x00\\xFF\"");
	dns_parse("x TXT \"\\1234\"", "TXT x \"{4\"");
	dns_parse("x TXT a\\ b", "TXT x \"a b\"");
	dns_parse("x TXT \\\"a", "TXT x \"\\x22a\"");
	dns_parse("x TXT \"\\;\\(\"", "TXT x \";(\"");
	dns_parse("x TXT \"ops@\\228\\190\\139\\227\\129\\136.jp\"",
			  "TXT x \"ops@\\xE4\\xBE\\x8B\\xE3\\x81\\x88.jp\"");
	dns_parse("x TXT ops@\\228\\190\\139\\227\\129\\136.jp",
			  "TXT x \"ops@\\xE4\\xBE\\x8B\\xE3\\x81\\x88.jp\"");
	dns_parse_bad("x TXT \"\\256\"", "not an octet");
	dns_parse_bad("x TXT \"\\999\"", "not an octet");
	dns_parse_bad("x TXT \"\\12\"", "three decimal digits");
	dns_parse_bad("x TXT \"\\12x\"", "three decimal digits");
	dns_parse_bad("x TXT \\12", "three decimal digits");
	dns_parse_bad("x TXT \\1", "three decimal digits");
	dns_parse_bad("x TXT a\\", "backslash");
	dns_parse_bad("\\256.example.com TXT a", "not an octet");
	dns_parse_bad("x TXT \"abc", "not closed");
	dns_parse_bad("x TXT \"abc\\\"", "not closed");
	dns_parse_bad("x TXT \"a\"b", "without a space");
	dns_parse_bad("x TXT a\"b\"", "double quote");
	/* a character-string holds at most 255 octets */
	p = line + sprintf(line, "x TXT \"");
	memset(p, 'a', 255);
	strcpy(p + 255, "\"");
	{
		char		want[2100];

		snprintf(want, sizeof(want), "TXT x %s", line + 6);
		dns_parse(line, want);
	}
	p = line + sprintf(line, "x TXT \"");
	memset(p, 'a', 256);
	strcpy(p + 256, "\"");
	dns_parse_bad(line, "at most 255");

	/* RFC 3597 generic RDATA for TXT, CAA and CNAME */
	dns_parse("x TXT \\# 4 03616263", "TXT x \"abc\"");
	dns_parse("x TXT \\# 4 0361 6263", "TXT x \"abc\"");
	dns_parse("x TXT \\# 4 03414243", "TXT x \"ABC\"");
	dns_parse("x TXT \\# 2 01FF", "TXT x \"\\xFF\"");
	dns_parse("x TXT \\# 2 01ff", "TXT x \"\\xFF\"");
	dns_parse("x TXT \\# 4 01610162", "TXT x \"a\" \"b\"");
	dns_parse("x TXT \\# 1 00", "TXT x \"\"");
	dns_parse("x TYPE16 \\# 4 03616263", "TXT x \"abc\"");
	dns_parse("x TXT ( \\# 4\n 0361\n 6263 )", "TXT x \"abc\"");
	dns_parse_bad("x TXT \\# 5 03616263", "not its length");
	dns_parse_bad("x TXT \\# 3 03616263", "longer than its length");
	dns_parse_bad("x TXT \\# 2 036", "odd number");
	dns_parse_bad("x TXT \\# 2 0 3 6", "odd number");
	dns_parse_bad("x TXT \\# 1 zz", "not a hexadecimal digit");
	dns_parse_bad("x TXT \\# 2 \"0161\"", "not a quoted string");
	dns_parse_bad("x TXT \\# 2 0361", "cut short");
	dns_parse_bad("x TXT \\# 0", "at least one character-string");
	dns_parse_bad("x TXT \\#", "length");
	dns_parse_bad("x TXT \\# x 00", "length");
	dns_parse_bad("x TXT \\# 65536 00", "length");
	dns_parse("x CAA \\# 29 000c636f6e74616374656d61696c6f7073406578616d706c652e636f6d",
			  "CAA x 0 \"contactemail\" \"ops@example.com\"");
	dns_parse("x CAA \\# 29 800C436F6E74616374456D61696C6F7073406578616D706C652E636F6D",
			  "CAA x 128 \"ContactEmail\" \"ops@example.com\"");
	dns_parse("x CAA \\# 3 000161", "CAA x 0 \"a\" \"\"");
	dns_parse("x TYPE257 \\# 3 000161", "CAA x 0 \"a\" \"\"");
	dns_parse_bad("x CAA \\# 28 000c636f6e74616374656d61696c6f7073406578616d706c652e636f6d",
				  "longer than its length");
	dns_parse_bad("x CAA \\# 30 000c636f6e74616374656d61696c6f7073406578616d706c652e636f6d",
				  "not its length");
	dns_parse_bad("x CAA \\# 2 0000", "not a CAA record");
	dns_parse_bad("x CAA \\# 3 000561", "not a CAA record");
	dns_parse_bad("x CAA \\# 1 00", "not a CAA record");
	dns_parse_bad("x CAA \\# 3 00012d", "letter or digit");
	dns_parse("x CNAME \\# 13 076578616d706c6503636f6d00", "CNAME x example.com");
	dns_parse("x CNAME \\# 22 07436f6e746163740850726f7669646572034e455400",
			  "CNAME x contact.provider.net");
	dns_parse("x TYPE5 \\# 1 00", "CNAME x ");
	dns_parse("x CNAME \\# 5 03612e6200", "CNAME x a\\046b");
	dns_parse_bad("x CNAME \\# 12 076578616d706c6503636f6d", "no end");
	dns_parse_bad("x CNAME \\# 14 076578616d706c6503636f6d0000", "goes on after the name");
	dns_parse_bad("x CNAME \\# 2 c00c", "label of length");
	dns_parse_bad("x CNAME \\# 4 0761620000", "longer than its length");
	dns_parse_bad("x CNAME \\# 4 07616200", "cut short");
	dns_parse_bad("x CNAME \\# 0", "no end");
	dns_parse_bad("x CNAME \\# 14 076578616d706c6503636f6d0", "odd number");

	/* CAA in text form */
	dns_parse("example.com. 300 IN CAA 0 contactemail \"ops@example.com\"",
			  "CAA example.com 0 \"contactemail\" \"ops@example.com\"");
	dns_parse("example.com CAA 128 contactemail ops@example.com",
			  "CAA example.com 128 \"contactemail\" \"ops@example.com\"");
	dns_parse("example.com CAA 255 ContactEmail \"\"", "CAA example.com 255 \"ContactEmail\" \"\"");
	dns_parse("example.com CAA 0 issue \"ca.example; account=1\"",
			  "CAA example.com 0 \"issue\" \"ca.example; account=1\"");
	dns_parse("example.com CAA 0 contactemail \"ops@\\228\\190\\139\\227\\129\\136.jp\"",
			  "CAA example.com 0 \"contactemail\" \"ops@\\xE4\\xBE\\x8B\\xE3\\x81\\x88.jp\"");
	dns_parse_bad("example.com CAA 256 contactemail \"a@example.com\"", "flags");
	dns_parse_bad("example.com CAA -1 contactemail \"a@example.com\"", "flags");
	dns_parse_bad("example.com CAA x contactemail \"a@example.com\"", "flags");
	dns_parse_bad("example.com CAA \"0\" contactemail \"a@example.com\"", "flags");
	dns_parse_bad("example.com CAA 0 contactemail", "2 fields");
	dns_parse_bad("example.com CAA 0 contactemail \"a@example.com\" x", "4 fields");
	dns_parse_bad("example.com CAA 0 \"contactemail\" \"a@example.com\"", "tag is not a quoted");
	dns_parse_bad("example.com CAA 0 contact-email \"a@example.com\"", "letter or digit");
	dns_parse_bad("example.com CAA", "0 fields");

	/* CNAME in text form */
	dns_parse("www.example.com. 300 IN CNAME Example.Provider.NET.",
			  "CNAME www.example.com example.provider.net");
	dns_parse("www.example.com CNAME .", "CNAME www.example.com ");
	dns_parse_bad("www.example.com CNAME a.example. b.example.", "2 fields");
	dns_parse_bad("www.example.com CNAME \"a.example.\"", "not a quoted string");
	dns_parse_bad("www.example.com CNAME", "0 fields");
	dns_parse_bad("www.example.com CNAME a..example", "empty label");

	/* comments and parentheses */
	dns_parse("x TXT \"a\" ; a comment", "TXT x \"a\"");
	dns_parse("x TXT \"a;b\"", "TXT x \"a;b\"");
	dns_parse("x TXT a;b", "TXT x \"a\"");
	dns_parse("x TXT ( \"a\"\n \"b\" )", "TXT x \"a\" \"b\"");
	dns_parse("x TXT ( \"a\" ; first\n \"b\" ) ; second", "TXT x \"a\" \"b\"");
	dns_parse("x CAA ( 0 contactemail\r\n \"a@example.com\" )",
			  "CAA x 0 \"contactemail\" \"a@example.com\"");
	dns_parse("x TXT (\"a\")", "TXT x \"a\"");
	dns_parse_bad("x TXT ( \"a\"", "not closed");
	dns_parse_bad("x TXT \"a\" )", "closes no");
	dns_parse_bad("; only a comment", "no record");
	/* one record an element: a second line is refused, even after a comment */
	dns_parse_bad("x TXT \"a\"\ny TXT \"b\"", "more than one line");
	dns_parse_bad("x TXT \"a\"\r\ny TXT \"b\"", "more than one line");
	dns_parse_bad("x TXT \"a\"\n\"b\"", "more than one line");
	dns_parse_bad("x TXT \"a\" ; note\ny TXT \"b\"", NULL);
	dns_parse_bad("x TXT \"a\" ; note\r\ny TXT \"b\"", NULL);
	/* a comment ends at a CR as at an LF: what follows is a second line */
	dns_parse_bad("x TXT \"a\" ; note\ry TXT \"b\"", "more than one line");
	dns_parse_bad("x TXT \"a\" ;\r\"b\"", "more than one line");
	dns_parse_bad("x TXT \"a\" ; note\r \r\n y TXT \"b\"", "more than one line");
	dns_parse("x TXT \"a\" ; note\r", "TXT x \"a\"");
	dns_parse("x TXT \"a\" ; note\r \r\n", "TXT x \"a\"");
	dns_parse("x TXT ( \"a\" ; note\r \"b\" )", "TXT x \"a\" \"b\"");
	dns_parse("x CAA ( 0 ; flags\r contactemail ; tag\r \"a@example.com\" ) ; value",
			  "CAA x 0 \"contactemail\" \"a@example.com\"");
	dns_parse_bad("x TXT ( \"a\" ; note )\r", "not closed");
	/* empty elements */
	dns_parse_bad("", "no record");
	dns_parse_bad("   \t ", "no record");
	dns_parse_bad("\n", "no record");

	/* names: labels of at most 63 octets, names of at most 255 */
	p = line;
	memset(p, 'a', 63);
	strcpy(p + 63, ".example.com TXT x");
	{
		char		want[200];

		memset(want, 0, sizeof(want));
		strcpy(want, "TXT ");
		memset(want + 4, 'a', 63);
		strcat(want, ".example.com \"x\"");
		dns_parse(line, want);
	}
	memset(p, 'a', 64);
	strcpy(p + 64, ".example.com TXT x");
	dns_parse_bad(line, "at most 63");
	p = line;
	for (int i = 0; i < 64; i++)
		p += sprintf(p, "\\097");
	strcpy(p, ".example.com TXT x");
	dns_parse_bad(line, "at most 63");
	/* 3 labels of 63 and one of 61: 255 octets on the wire; one more is too many */
	p = line;
	for (int i = 0; i < 3; i++)
	{
		memset(p, 'a' + i, 63);
		p[63] = '.';
		p += 64;
	}
	memset(p, 'd', 61);
	strcpy(p + 61, ". TXT x");
	{
		char		want[400];

		snprintf(want, sizeof(want), "TXT %.*s \"x\"", 3 * 64 + 61, line);
		dns_parse(line, want);
	}
	memset(p, 'd', 62);
	strcpy(p + 62, " TXT x");
	dns_parse_bad(line, "longer than 255");
	p = line;
	for (int i = 0; i < 4; i++)
	{
		memset(p, 'a' + i, 63);
		p[63] = '.';
		p += 64;
	}
	strcpy(p, " TXT x");
	dns_parse_bad(line, "longer than 255");
	dns_parse_bad("a..example.com TXT x", "empty label");
	dns_parse_bad(".example.com TXT x", "empty label");
	dns_parse_bad("example.com.. TXT x", "empty label");
	dns_parse_bad("@ TXT x", "origin");
	dns_parse_bad("\"x.example.com\" TXT x", "quoted");
	dns_parse(". TXT x", "TXT  \"x\"");

	/* canonical labels: ASCII lowercased, other octets as \DDD */
	dns_parse("A\\.B.Example.com TXT x", "TXT a\\046b.example.com \"x\"");
	dns_parse("a+b.example.com TXT x", "TXT a\\043b.example.com \"x\"");
	dns_parse("a\\043b.example.com TXT x", "TXT a\\043b.example.com \"x\"");
	dns_parse("\\065\\066.example.com TXT x", "TXT ab.example.com \"x\"");
	dns_parse("_dcv.*.Ex_Ample.com TXT x", "TXT _dcv.*.ex_ample.com \"x\"");
	dns_parse("a\\ b.example.com TXT x", "TXT a\\032b.example.com \"x\"");
	dns_parse("\\255.example.com TXT x", "TXT \\255.example.com \"x\"");

	/* a Unicode owner equals its A-label, in UTF-8 or as \DDD escapes */
	dns_parse("_validation-contactemail.\xE4\xBE\x8B\xE3\x81\x88.jp. TXT x",
			  "TXT _validation-contactemail.xn--r8jz45g.jp \"x\"");
	dns_parse("_validation-contactemail.\\228\\190\\139\\227\\129\\136.jp. TXT x",
			  "TXT _validation-contactemail.xn--r8jz45g.jp \"x\"");
	dns_parse("_validation-contactemail.XN--R8JZ45G.JP. TXT x",
			  "TXT _validation-contactemail.xn--r8jz45g.jp \"x\"");
	dns_parse("\xEF\xBD\x85xample.com CAA 0 contactemail x",
			  "CAA example.com 0 \"contactemail\" \"x\"");
	dns_parse("www.ex\xD0\xB0mple.com CNAME \xE4\xBE\x8B\xE3\x81\x88.jp.",
			  "CNAME www.xn--exmple-4nf.com xn--r8jz45g.jp");
	/* a label UTS#46 refuses stays octets; one that maps to two labels too */
	dns_parse("\xE2\x89\xA0.example TXT x", "TXT \\226\\137\\160.example \"x\"");
	dns_parse("a\xE3\x80\x82" "b.example TXT x", "TXT a\\227\\128\\130b.example \"x\"");
	dns_parse("_x\xE4\xBE\x8B.example TXT x", "TXT _x\\228\\190\\139.example \"x\"");
	dns_parse("\\255\\254.example TXT x", "TXT \\255\\254.example \"x\"");
	/* a label ending with an ideographic full stop is not the label before it */
	dns_parse("_validation-contactemail.\xE4\xBE\x8B\xE3\x81\x88\xE3\x80\x82.jp TXT x",
			  "TXT _validation-contactemail.\\228\\190\\139\\227\\129\\136\\227\\128\\130.jp \"x\"");
	dns_parse("_validation-contactemail.\xE4\xBE\x8B\xE3\x81\x88\\..jp TXT x",
			  "TXT _validation-contactemail.\\228\\190\\139\\227\\129\\136\\046.jp \"x\"");
	dns_parse("x CNAME \\# 9 07e4be8be381882e00", "CNAME x \\228\\190\\139\\227\\129\\136\\046");
	/* fullwidth digits: a host-name label "123" in its normal form */
	dns_parse("www.\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93.example.com TXT x",
			  "TXT www.123.example.com \"x\"");

	/*
	 * A raw U+FFFD (EF BF BD), what a character the database encoding has
	 * and Unicode lacks became, anywhere in the element: not parsed, nothing
	 * of it read.  Written as escapes it is three octets like any others.
	 */
	dns_unread("_validation-contactemail.ex\xEF\xBF\xBDmple.com TXT \"a@example.net\"", "U+FFFD", 0, NULL);
	dns_unread("_validation-contactemail.example.com TXT \"a\xEF\xBF\xBD@example.net\"", "U+FFFD", 0, NULL);
	dns_unread("example.com CAA 0 issue \"ca.example\" ; \xEF\xBF\xBD", "U+FFFD", 0, NULL);
	dns_unread("example.com CNAME \xEF\xBF\xBD.example.net", "U+FFFD", 0, NULL);
	dns_unread("\xEF\xBF\xBD", "U+FFFD", 0, NULL);
	dns_parse("x TXT \"\\239\\191\\189\"", "TXT x \"\\xEF\\xBF\\xBD\"");
	dns_parse("\\239\\191\\189.example TXT x", "TXT \\239\\191\\189.example \"x\"");
	dns_parse("x TXT \"\xEF\xBF\\189\"", "TXT x \"\\xEF\\xBF\\xBD\"");
	dns_parse("x TXT \"\xEF\xBF\xBC\xEF\xBF\"", "TXT x \"\\xEF\\xBF\\xBC\\xEF\\xBF\"");

	/*
	 * A name's 255 octets count a host-name label as its A-label, as it is
	 * on the wire: "\xC3\xA4" (2 octets) is "xn--4ca" (7).  31 such labels
	 * and one of 5 letters are 255 octets; one more letter is too many, in
	 * Unicode (101 octets as given) as in A-labels.
	 */
	p = line;
	for (int i = 0; i < 31; i++)
		p += sprintf(p, "\xC3\xA4.");
	strcpy(p, "abcde TXT x");
	{
		char		want[400];

		p = want + sprintf(want, "TXT ");
		for (int i = 0; i < 31; i++)
			p += sprintf(p, "xn--4ca.");
		strcpy(p, "abcde \"x\"");
		dns_parse(line, want);
		/* the A-label form reads the same */
		p = line;
		for (int i = 0; i < 31; i++)
			p += sprintf(p, "xn--4ca.");
		strcpy(p, "abcde TXT x");
		dns_parse(line, want);
	}
	p = line;
	for (int i = 0; i < 31; i++)
		p += sprintf(p, "\xC3\xA4.");
	strcpy(p, "abcdef TXT x");
	dns_parse_bad(line, "longer than 255");
	dns_unread(line, "the owner name: the name is longer than 255 octets", 0, NULL);
	p = line;
	for (int i = 0; i < 31; i++)
		p += sprintf(p, "\\195\\164.");
	strcpy(p, "abcdef TXT x");
	dns_parse_bad(line, "longer than 255");
	p = line;
	for (int i = 0; i < 31; i++)
		p += sprintf(p, "xn--4ca.");
	strcpy(p, "abcdef TXT x");
	dns_parse_bad(line, "longer than 255");
	/* the same in a CNAME target, as text and in the generic form */
	p = line + sprintf(line, "x CNAME ");
	for (int i = 0; i < 31; i++)
		p += sprintf(p, "\xC3\xA4.");
	strcpy(p, "abcdef");
	dns_unread(line, "longer than 255", DCV_RR_CNAME, "x");
	p = line + sprintf(line, "x CNAME \\# %d ", 31 * 3 + 7 + 1);
	for (int i = 0; i < 31; i++)
		p += sprintf(p, "02c3a4");
	strcpy(p, "0661626364656600");
	dns_unread(line, "longer than 255", DCV_RR_CNAME, "x");
	p = line + sprintf(line, "x CNAME \\# %d ", 31 * 3 + 6 + 1);
	for (int i = 0; i < 31; i++)
		p += sprintf(p, "02c3a4");
	strcpy(p, "05616263646500");
	{
		char		want[400];

		p = want + sprintf(want, "CNAME x ");
		for (int i = 0; i < 31; i++)
			p += sprintf(p, "xn--4ca.");
		strcpy(p, "abcde");
		dns_parse(line, want);
	}
	/*
	 * And the other way: 21 times U+4F8B is a label of 63 octets whose
	 * A-label has 27; four of them are 257 octets as given, 113 as A-labels.
	 */
	p = line;
	for (int l = 0; l < 4; l++)
	{
		for (int i = 0; i < 21; i++)
			p += sprintf(p, "\xE4\xBE\x8B");
		*p++ = '.';
	}
	strcpy(p, " TXT x");
	dns_parse(line, "TXT xn--fsqaaaaaaaaaaaaaaaaaaaa.xn--fsqaaaaaaaaaaaaaaaaaaaa."
			  "xn--fsqaaaaaaaaaaaaaaaaaaaa.xn--fsqaaaaaaaaaaaaaaaaaaaa \"x\"");
	/*
	 * A label that is no host name counts as its octets: four of "_" and 20
	 * times U+4F8B (61 octets) and one of 5 letters are 255 octets.
	 */
	for (int extra = 0; extra <= 1; extra++)
	{
		char		want[1200];
		char	   *w = want + sprintf(want, "TXT ");

		p = line;
		for (int l = 0; l < 4; l++)
		{
			*p++ = '_';
			*w++ = '_';
			for (int i = 0; i < 20; i++)
			{
				p += sprintf(p, "\xE4\xBE\x8B");
				w += sprintf(w, "\\228\\190\\139");
			}
			*p++ = '.';
			*w++ = '.';
		}
		strcpy(p, extra ? "abcdef TXT x" : "abcde TXT x");
		strcpy(w, "abcde \"x\"");
		if (extra)
			dns_parse_bad(line, "longer than 255");
		else
			dns_parse(line, want);
	}

	/*
	 * Owner and type read, RDATA not: dcv_rr.typed (the lookups count the
	 * record); not when the element fails before its type.
	 */
	dns_unread("example.com. CAA 256 issue \"ca.example\"", "flags", DCV_RR_CAA, "example.com");
	dns_unread("Example.COM. 300 IN CAA 0 issue-critical \"ca.example\"", "letter or digit", DCV_RR_CAA,
			   "example.com");
	dns_unread("example.com. TYPE257 \\# 3 000000", "not a CAA record", DCV_RR_CAA, "example.com");
	dns_unread("_validation-contactemail.example.com. TXT \"a\" \\999", "not an octet", DCV_RR_TXT,
			   "_validation-contactemail.example.com");
	dns_unread("www.example.com. CNAME a.example. b.example.", "2 fields", DCV_RR_CNAME, "www.example.com");
	dns_unread("www.example.com. IN 300 TYPE5 \\# 2 c00c", "label of length", DCV_RR_CNAME, "www.example.com");
	dns_unread("\xE4\xBE\x8B\xE3\x81\x88.jp CNAME a..example", "empty label", DCV_RR_CNAME, "xn--r8jz45g.jp");
	dns_unread("example.com. CH CAA 0 issue \"ca.example\"", "class is not IN", 0, NULL);
	dns_unread("example.com. CAA 0 issue \"ca.example\"\nx", "more than one line", 0, NULL);
	dns_unread("example..com. CAA 0 issue \"ca.example\"", "empty label", 0, NULL);
	dns_unread("example.com. TYPE65536 0 issue \"ca.example\"", "no record type", 0, NULL);

	test_arena_reset(&ar);
}

/* ---- contacts ---- */

static void
dns_records(const char *const *lines, size_t n, dcv_str *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = S(lines[i]);
}

/* The result's contacts as "txt: a b; caa: c d". */
static const char *
dns_contacts_text(const dcv_dns_result *r)
{
	static char buf[4096];

	strcpy(buf, "txt:");
	for (size_t i = 0; i < r->n_txt; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " %s", r->txt[i]);
	strcat(buf, "; caa:");
	for (size_t i = 0; i < r->n_caa; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " %s", r->caa[i]);
	return buf;
}

/*
 * Contacts of domain for the records (NULL-terminated list; an element "-"
 * stands for SQL NULL) are want ("txt: ...; caa: ..."); every row's email is
 * set exactly when its problem is not, for TXT and CAA rows, and the result
 * is kept in *out for more checks.
 */
static void
dns_contacts_are(const char *name, const char *domain, const char *const *lines,
				 const char *want, dcv_dns_result *out)
{
	dcv_domain	d;
	dcv_error	err;
	size_t		n = 0;
	dcv_str    *rec;
	dcv_dns_result r;

	while (lines[n])
		n++;
	rec = test_arena_alloc(&ar, (n + 1) * sizeof(dcv_str));
	dns_records(lines, n, rec);
	for (size_t i = 0; i < n; i++)
		if (strcmp(lines[i], "-") == 0)
			rec[i] = S(NULL);
	if (dcv_domain_analyze(domain, strlen(domain), &d, &err) != DCV_OK)
	{
		check(0, "%s: domain %s: %s", name, domain, err.detail);
		return;
	}
	dcv_dns_contacts(&d, rec, n, &alloc, &r);
	check(strcmp(dns_contacts_text(&r), want) == 0, "%s: contacts \"%s\", want \"%s\"",
		  name, dns_contacts_text(&r), want);
	check(r.n == n, "%s: %zu rows for %zu records", name, r.n, n);
	for (size_t i = 0; i < r.n && i < n; i++)
	{
		const dcv_dns_row *row = &r.rows[i];

		if (row->parsed && (row->type == DCV_RR_TXT || row->type == DCV_RR_CAA))
			check((row->email == NULL) != (row->problem == NULL),
				  "%s: row %zu has email %s and problem %s", name, i,
				  row->email ? row->email : "NULL", row->problem ? row->problem : "NULL");
		else
			check(row->email == NULL, "%s: row %zu (not TXT/CAA) has an email", name, i);
		check(row->parsed || row->problem != NULL, "%s: unparsed row %zu without a problem", name, i);
	}
	/* the cheaper path of decisions: the same contacts, rows without problems */
	{
		dcv_dns_result only;
		char		full[4096];
		bool		same = true;

		strcpy(full, dns_contacts_text(&r));
		dcv_dns_contacts_only(&d, rec, n, &alloc, &only);
		for (size_t i = 0; i < n && i < only.n && i < r.n; i++)
			same &= only.rows[i].problem == NULL &&
				(only.rows[i].email == NULL) == (r.rows[i].email == NULL) &&
				(only.rows[i].email == NULL || strcmp(only.rows[i].email, r.rows[i].email) == 0);
		check(strcmp(dns_contacts_text(&only), full) == 0 && only.n == n && same,
			  "%s: dcv_dns_contacts_only gives \"%s\", rows %s", name, dns_contacts_text(&only),
			  same ? "alike" : "different");
	}
	for (size_t i = 0; i < r.n_txt; i++)
		check(dcv_dns_has_contact(&r, r.txt[i]), "%s: has_contact(%s)", name, r.txt[i]);
	for (size_t i = 0; i < r.n_caa; i++)
		check(dcv_dns_has_contact(&r, r.caa[i]), "%s: has_contact(%s)", name, r.caa[i]);
	if (out)
		*out = r;
}

/* Row i gives email (NULL: none) and its problem contains problem_part (NULL: no problem). */
static void
dns_row_is(const char *name, const dcv_dns_result *r, size_t i, const char *email,
		   const char *problem_part)
{
	const dcv_dns_row *row;

	if (i >= r->n)
	{
		check(0, "%s: no row %zu", name, i);
		return;
	}
	row = &r->rows[i];
	if (email)
		check(row->email && strcmp(row->email, email) == 0 && row->problem == NULL,
			  "%s: row %zu gives %s (problem %s), want %s", name, i,
			  row->email ? row->email : "NULL", row->problem ? row->problem : "NULL", email);
	else
		check(row->email == NULL, "%s: row %zu gives %s, want none", name, i, row->email);
	if (problem_part)
		check(row->problem && strstr(row->problem, problem_part) != NULL,
			  "%s: row %zu problem \"%s\" lacks \"%s\"", name, i,
			  row->problem ? row->problem : "NULL", problem_part);
	else
		check(row->problem == NULL, "%s: row %zu has problem \"%s\"", name, i,
			  row->problem ? row->problem : "");
}

/* Row i was parsed or not, with type and owner (0 and NULL: not read). */
static void
dns_row_read(const char *name, const dcv_dns_result *r, size_t i, bool parsed, unsigned type,
			 const char *owner)
{
	const dcv_dns_row *row;

	if (i >= r->n)
	{
		check(0, "%s: no row %zu", name, i);
		return;
	}
	row = &r->rows[i];
	check(row->parsed == parsed && row->type == type &&
		  (owner ? row->owner && strcmp(row->owner, owner) == 0 : row->owner == NULL),
		  "%s: row %zu parsed %d, type %u, owner %s; want %d, %u, %s", name, i, row->parsed,
		  row->type, row->owner ? row->owner : "NULL", parsed, type, owner ? owner : "NULL");
}

static void
test_dns_txt(void)
{
	dcv_dns_result r;

	{
		const char *const rec[] = {
			"_validation-contactemail.www.shop.example.co.jp. 300 IN TXT \"a@x.example\"",
			"_validation-contactemail.shop.example.co.jp. TXT \"b@x.example\"",
			"_validation-contactemail.example.co.jp TXT c@x.example",
			"_validation-contactemail.co.jp. TXT \"d@x.example\"",
			"_validation-contactemail.jp. TXT \"e@x.example\"",
			"_validation-contactemail.other.example.co.jp. TXT \"f@x.example\"",
			"www.shop.example.co.jp. TXT \"g@x.example\"",
			"_validation-contactemail.x.www.shop.example.co.jp. TXT \"h@x.example\"",
			"_validation-contactemail. TXT \"i@x.example\"",
			"_validation-contactemail.example.co.jp.evil.example. TXT \"j@x.example\"",
			"_validation-contactemail.shop.example.co.jp CAA 0 contactemail \"k@x.example\"",
			"_validation-contactemail.example.co.jp MX 10 mail.example.co.jp.",
			"-",
			"_validation-contactemail.example.co.jp TXT \"unclosed",
			NULL
		};

		dns_contacts_are("TXT at each ADN", "www.shop.example.co.jp", rec,
						 "txt: a@x.example b@x.example c@x.example; caa:", &r);
		dns_row_is("TXT at each ADN", &r, 0, "a@x.example", NULL);
		dns_row_is("TXT at each ADN", &r, 2, "c@x.example", NULL);
		dns_row_is("TXT at co.jp", &r, 3, NULL, "not at an Authorization Domain Name");
		dns_row_is("TXT at jp", &r, 4, NULL, "not at an Authorization Domain Name");
		dns_row_is("TXT at a sibling", &r, 5, NULL, "not at an Authorization Domain Name");
		dns_row_is("TXT without the prefix", &r, 6, NULL, "_validation-contactemail.<domain>");
		dns_row_is("TXT below the applied domain", &r, 7, NULL, "not at an Authorization Domain Name");
		dns_row_is("TXT at another zone", &r, 9, NULL, "not at an Authorization Domain Name");
		dns_row_is("CAA at the TXT name", &r, 10, NULL, "neither a name of the order");
		dns_row_is("MX", &r, 11, NULL, "type MX is not read");
		dns_row_is("NULL element", &r, 12, NULL, "NULL");
		dns_row_is("bad element", &r, 13, NULL, "does not parse");
		/* an unclosed quote in the RDATA: owner and type are read all the same */
		check(r.n > 13 && !r.rows[13].parsed && r.rows[13].type == DCV_RR_TXT &&
			  r.rows[13].owner != NULL &&
			  strcmp(r.rows[13].owner, "_validation-contactemail.example.co.jp") == 0 &&
			  r.rows[0].parsed &&
			  r.rows[0].type == DCV_RR_TXT &&
			  strcmp(r.rows[0].owner, "_validation-contactemail.www.shop.example.co.jp") == 0,
			  "rows: parsed, type and owner");
		check(!dcv_dns_has_contact(&r, "d@x.example") && !dcv_dns_has_contact(&r, "g@x.example") &&
			  dcv_dns_has_contact(&r, "b@x.example"), "dcv_dns_has_contact");
	}
	/* the base domain itself: nothing above it counts */
	{
		const char *const rec[] = {
			"_validation-contactemail.co.jp. TXT \"d@x.example\"",
			"_validation-contactemail.www.example.co.jp. TXT \"w@x.example\"",
			NULL
		};

		dns_contacts_are("TXT at the base domain only", "example.co.jp", rec, "txt:; caa:", NULL);
		dns_contacts_are("TXT never above the base", "www.shop.example.co.jp", rec, "txt:; caa:", NULL);
		dns_contacts_are("TXT at the applied domain", "www.example.co.jp", rec,
						 "txt: w@x.example; caa:", NULL);
	}
	/* a wildcard: the name without "*." and its parents */
	{
		const char *const rec[] = {
			"_validation-contactemail.*.shop.example.co.jp. TXT \"w@x.example\"",
			"_validation-contactemail.shop.example.co.jp. TXT \"s@x.example\"",
			"_validation-contactemail.www.shop.example.co.jp. TXT \"x@x.example\"",
			NULL
		};

		dns_contacts_are("TXT for a wildcard", "*.shop.example.co.jp", rec,
						 "txt: s@x.example; caa:", NULL);
	}
	/* names compare label by label: case, Unicode, final dot */
	{
		const char *const rec[] = {
			"_Validation-ContactEmail.WWW.\xE4\xBE\x8B\xE3\x81\x88.JP. TXT \"a@x.example\"",
			"_VALIDATION-CONTACTEMAIL.\\228\\190\\139\\227\\129\\136.jp TXT \"b@x.example\"",
			"_validation-contactemail.xn--r8jz45g.jp. TXT \"C@X.Example\"",
			"_validation\\045contactemail.xn--r8jz45g.jp. TXT \"d@x.example\"",
			"_validation-contactemail.xn--r8jz45g.jp.. TXT \"e@x.example\"",
			"_validation_contactemail.xn--r8jz45g.jp. TXT \"f@x.example\"",
			NULL
		};

		dns_contacts_are("TXT owners in any spelling", "www.\xE4\xBE\x8B\xE3\x81\x88.jp", rec,
						 "txt: a@x.example b@x.example c@x.example d@x.example; caa:", NULL);
		dns_contacts_are("TXT owners in any spelling (A-label)", "WWW.XN--R8JZ45G.JP", rec,
						 "txt: a@x.example b@x.example c@x.example d@x.example; caa:", NULL);
	}
	/* a label mapping to "label." is not the label */
	{
		const char *const rec[] = {
			"_validation-contactemail.\xE4\xBE\x8B\xE3\x81\x88\xE3\x80\x82.jp TXT \"a@x.example\"",
			"_validation-contactemail.\xE4\xBE\x8B\xE3\x81\x88\xEF\xBC\x8E.jp TXT \"b@x.example\"",
			"_validation-contactemail.\xE4\xBE\x8B\xE3\x81\x88\\..jp TXT \"c@x.example\"",
			"_validation-contactemail.\xE4\xBE\x8B\xE3\x81\x88\\046.jp TXT \"d@x.example\"",
			NULL
		};

		dns_contacts_are("TXT owner label with a full stop", "\xE4\xBE\x8B\xE3\x81\x88.jp", rec,
						 "txt:; caa:", NULL);
	}
	/* fullwidth digits are the label "123" */
	{
		const char *const rec[] = {
			"_validation-contactemail.www.\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93.example.com TXT \"a@x.example\"",
			NULL
		};

		dns_contacts_are("TXT owner label in fullwidth digits", "www.123.example.com", rec,
						 "txt: a@x.example; caa:", NULL);
	}
	/* the same contact twice is listed once; a contact at any domain */
	{
		const char *const rec[] = {
			"_validation-contactemail.example.com. TXT \"joe@gmail.com\"",
			"_validation-contactemail.www.example.com. TXT \"JOE@GMAIL.COM\"",
			"_validation-contactemail.www.example.com. TXT \"ops@\\228\\190\\139\\227\\129\\136.jp\"",
			"_validation-contactemail.www.example.com. TXT \"Admin@Example.com\"",
			NULL
		};

		dns_contacts_are("TXT contacts elsewhere", "www.example.com", rec,
						 "txt: admin@example.com joe@gmail.com ops@xn--r8jz45g.jp; caa:", &r);
		dns_row_is("TXT uppercase contact", &r, 1, "joe@gmail.com", NULL);
		dns_row_is("TXT Unicode contact", &r, 2, "ops@xn--r8jz45g.jp", NULL);
	}
	/* no records, and a NULL list */
	{
		const char *const rec[] = {NULL};
		dcv_domain	d;
		dcv_error	err;

		dns_contacts_are("no records", "example.com", rec, "txt:; caa:", NULL);
		dcv_domain_analyze("example.com", 11, &d, &err);
		dcv_dns_contacts(&d, NULL, 0, &alloc, &r);
		check(r.n == 0 && r.n_txt == 0 && r.n_caa == 0, "no records, NULL list");
		check(!dcv_dns_has_contact(NULL, "a@example.com"), "has_contact of no result");
	}
	test_arena_reset(&ar);
}

static void
test_dns_caa(void)
{
	dcv_dns_result r;

	/* the nearest non-empty set of each ADN; the union over ADNs */
	{
		const char *const rec[] = {
			"www.shop.example.co.jp. CAA 0 contactemail \"w@x.example\"",
			"example.co.jp. CAA 0 contactemail \"e@x.example\"",
			"example.co.jp. CAA 0 contactemail \"e2@x.example\"",
			"example.co.jp. CAA 0 issue \"ca.example\"",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			"jp. CAA 0 contactemail \"j@x.example\"",
			"other.example.co.jp. CAA 0 contactemail \"o@x.example\"",
			"x.www.shop.example.co.jp. CAA 0 contactemail \"b@x.example\"",
			NULL
		};

		dns_contacts_are("CAA relevant sets", "www.shop.example.co.jp", rec,
						 "txt:; caa: e2@x.example e@x.example w@x.example", &r);
		dns_row_is("CAA at the applied domain", &r, 0, "w@x.example", NULL);
		dns_row_is("CAA at the base", &r, 1, "e@x.example", NULL);
		dns_row_is("CAA issue in the set", &r, 3, NULL, "not contactemail");
		dns_row_is("CAA above the base", &r, 4, NULL, "outside the relevant CAA set");
		dns_row_is("CAA at the TLD", &r, 5, NULL, "outside the relevant CAA set");
		dns_row_is("CAA at a sibling", &r, 6, NULL, "neither a name of the order");
		dns_row_is("CAA below", &r, 7, NULL, "neither a name of the order");
	}
	/* the climb passes the base domain, up to the TLD, not to the root */
	{
		const char *const rec[] = {
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			"jp. CAA 0 contactemail \"j@x.example\"",
			". CAA 0 contactemail \"root@x.example\"",
			NULL
		};
		const char *const rec2[] = {
			"jp. CAA 0 contactemail \"j@x.example\"",
			". CAA 0 contactemail \"root@x.example\"",
			NULL
		};
		const char *const rec3[] = {
			". CAA 0 contactemail \"root@x.example\"",
			NULL
		};

		dns_contacts_are("CAA above the base", "www.shop.example.co.jp", rec,
						 "txt:; caa: c@x.example", NULL);
		dns_contacts_are("CAA at the TLD", "www.shop.example.co.jp", rec2,
						 "txt:; caa: j@x.example", NULL);
		dns_contacts_are("CAA at the root", "www.shop.example.co.jp", rec3, "txt:; caa:", NULL);
	}
	/* a set without contactemail stops the climb */
	{
		const char *const rec[] = {
			"example.co.jp. CAA 0 issue \"ca.example\"",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};

		dns_contacts_are("CAA set without contactemail", "example.co.jp", rec, "txt:; caa:", &r);
		dns_row_is("CAA set without contactemail", &r, 0, NULL, "not contactemail");
		dns_row_is("CAA set without contactemail", &r, 1, NULL, "outside the relevant CAA set");
		dns_contacts_are("CAA set without contactemail, deeper", "www.shop.example.co.jp", rec,
						 "txt:; caa:", NULL);
	}
	{
		const char *const rec[] = {
			"www.shop.example.co.jp. CAA 0 issuewild \";\"",
			"shop.example.co.jp. CAA 0 contactemail \"s@x.example\"",
			NULL
		};

		dns_contacts_are("CAA: one ADN stops, its parent counts", "www.shop.example.co.jp", rec,
						 "txt:; caa: s@x.example", NULL);
	}
	/* validating example.co.jp covers names below, not the other way round */
	{
		const char *const rec[] = {
			"www.example.co.jp. CAA 0 contactemail \"w@x.example\"",
			NULL
		};

		dns_contacts_are("CAA below the applied domain", "example.co.jp", rec, "txt:; caa:", NULL);
		dns_contacts_are("CAA below a wildcard's name", "*.example.co.jp", rec, "txt:; caa:", NULL);
		dns_contacts_are("CAA at the wildcard's name", "*.www.example.co.jp", rec,
						 "txt:; caa: w@x.example", NULL);
	}
	/* the tag in any case; the critical flag does not matter */
	{
		const char *const rec[] = {
			"example.com. CAA 128 ContactEmail \"a@x.example\"",
			"example.com. CAA 0 CONTACTEMAIL \"b@x.example\"",
			"example.com. CAA 255 contactemail \"c@x.example\"",
			"example.com. CAA 0 contactemails \"d@x.example\"",
			"example.com. CAA 0 contactphone \"+81 3 0000 0000\"",
			"example.com. CAA \\# 29 800c436f6e74616374456d61696c6f7073406578616d706c652e636f6d",
			"example.com. CAA 128 tbs \"unknown critical\"",
			NULL
		};

		dns_contacts_are("CAA tags", "example.com", rec,
						 "txt:; caa: a@x.example b@x.example c@x.example ops@example.com", &r);
		dns_row_is("CAA contactemails", &r, 3, NULL, "\"contactemails\", not contactemail");
		dns_row_is("CAA contactphone", &r, 4, NULL, "not contactemail");
	}
	/* a Unicode owner */
	{
		const char *const rec[] = {
			"\xE4\xBE\x8B\xE3\x81\x88.jp. CAA 0 contactemail \"a@x.example\"",
			NULL
		};

		dns_contacts_are("CAA Unicode owner", "www.xn--r8jz45g.jp", rec, "txt:; caa: a@x.example", NULL);
	}
	test_arena_reset(&ar);
}

static void
test_dns_cname(void)
{
	dcv_dns_result r;
	char		lines[12][200];
	const char *rec[14];

	/* a chain of 8 links is followed, 9 are not */
	for (int links = 7; links <= 10; links++)
	{
		int			k = 0;
		char		name[80];

		for (int i = 0; i < links; i++)
		{
			if (i == 0)
				snprintf(name, sizeof(name), "_validation-contactemail.example.com.");
			else
				snprintf(name, sizeof(name), "l%d.provider.example.", i);
			snprintf(lines[k], sizeof(lines[k]), "%s CNAME l%d.provider.example.", name, i + 1);
			rec[k] = lines[k];
			k++;
		}
		snprintf(lines[k], sizeof(lines[k]), "l%d.provider.example. TXT \"ops@x.example\"", links);
		rec[k] = lines[k];
		k++;
		rec[k] = NULL;
		snprintf(name, sizeof(name), "a chain of %d CNAME links", links);
		dns_contacts_are(name, "example.com", rec,
						 links <= 8 ? "txt: ops@x.example; caa:" : "txt:; caa:", &r);
		if (links <= 8)
			dns_row_is(name, &r, 0, NULL, NULL);
		else
		{
			dns_row_is(name, &r, 0, NULL, "longer than 8");
			dns_row_is(name, &r, (size_t) links, NULL, "is not such a name");
			/* the 8th link leads to a name with a CNAME: that one is no link either */
			dns_row_is(name, &r, 7, NULL,
					   "the chain of aliases is longer than 8 CNAME records, and is not followed further");
			dns_row_is(name, &r, 8, NULL,
					   "the chain of aliases is longer than 8 CNAME records, and is not followed further");
			if (links == 10)
				dns_row_is(name, &r, 9, NULL, "no lookup for the order passes through this alias");
		}
	}
	/* the same for CAA */
	for (int links = 8; links <= 9; links++)
	{
		int			k = 0;
		char		name[80];

		for (int i = 0; i < links; i++)
		{
			if (i == 0)
				snprintf(name, sizeof(name), "example.com.");
			else
				snprintf(name, sizeof(name), "l%d.provider.example.", i);
			snprintf(lines[k], sizeof(lines[k]), "%s CNAME l%d.provider.example.", name, i + 1);
			rec[k] = lines[k];
			k++;
		}
		snprintf(lines[k], sizeof(lines[k]), "l%d.provider.example. CAA 0 contactemail \"ops@x.example\"",
				 links);
		rec[k] = lines[k];
		k++;
		rec[k] = NULL;
		snprintf(name, sizeof(name), "CAA through %d CNAME links", links);
		dns_contacts_are(name, "example.com", rec,
						 links <= 8 ? "txt:; caa: ops@x.example" : "txt:; caa:", &r);
		if (links == 8)
			dns_row_is(name, &r, 7, NULL, NULL);
		else
		{
			dns_row_is(name, &r, 8, NULL,
					   "the chain of aliases is longer than 8 CNAME records, and is not followed further");
			dns_row_is(name, &r, 9, NULL, "neither a name of the order");
		}
	}
	/* loops answer nothing */
	{
		const char *const loop[] = {
			"_validation-contactemail.example.com. CNAME a.provider.example.",
			"a.provider.example. CNAME b.provider.example.",
			"b.provider.example. CNAME a.provider.example.",
			"a.provider.example. TXT \"a@x.example\"",
			"b.provider.example. TXT \"b@x.example\"",
			NULL
		};
		const char *const self[] = {
			"_validation-contactemail.example.com. CNAME _Validation-ContactEmail.Example.COM",
			"_validation-contactemail.example.com. TXT \"a@x.example\"",
			NULL
		};
		const char *const caa[] = {
			"example.com. CNAME a.provider.example.",
			"a.provider.example. CNAME example.com.",
			"a.provider.example. CAA 0 contactemail \"a@x.example\"",
			"example.com. CAA 0 contactemail \"b@x.example\"",
			NULL
		};

		dns_contacts_are("CNAME loop", "example.com", loop, "txt:; caa:", &r);
		dns_row_is("CNAME loop", &r, 0, NULL, "loop");
		dns_row_is("CNAME loop", &r, 1, NULL, "loop");
		dns_contacts_are("CNAME to itself", "example.com", self, "txt:; caa:", &r);
		dns_row_is("CNAME to itself", &r, 0, NULL, "loop");
		dns_contacts_are("CNAME loop for CAA", "example.com", caa, "txt:; caa:", NULL);
	}
	/* two CNAME records at one name answer nothing */
	{
		const char *const two[] = {
			"_validation-contactemail.example.com. CNAME a.provider.example.",
			"_validation-contactemail.example.com. CNAME b.provider.example.",
			"a.provider.example. TXT \"a@x.example\"",
			"b.provider.example. TXT \"b@x.example\"",
			NULL
		};
		const char *const to_two[] = {
			"_validation-contactemail.example.com. CNAME c.provider.example.",
			"c.provider.example. CNAME a.provider.example.",
			"c.provider.example. CNAME b.provider.example.",
			"a.provider.example. TXT \"a@x.example\"",
			NULL
		};

		dns_contacts_are("two CNAMEs at one name", "example.com", two, "txt:; caa:", &r);
		dns_row_is("two CNAMEs at one name", &r, 0, NULL, "more than one CNAME");
		dns_contacts_are("a chain to two CNAMEs", "example.com", to_two, "txt:; caa:", &r);
		dns_row_is("a chain to two CNAMEs", &r, 0, NULL, "more than one CNAME");
	}
	/* an alias to a provider, for TXT and for CAA */
	{
		const char *const txt[] = {
			"_validation-contactemail.example.com. 300 IN CNAME _validation-contactemail.provider.example.",
			"_validation-contactemail.provider.example. 300 IN TXT \"ops@provider.example\"",
			"_validation-contactemail.unused.example. CNAME _validation-contactemail.provider.example.",
			NULL
		};
		const char *const caa[] = {
			"www.example.com. CNAME cdn.provider.example.",
			"cdn.provider.example. CAA 0 contactemail \"cdn@provider.example\"",
			"example.com. CNAME \\# 22 07436f6e746163740850726f7669646572034e455400",
			"contact.provider.example. CAA 0 contactemail \"base@provider.example\"",
			"contact.provider.net. CAA 0 contactemail \"net@provider.example\"",
			NULL
		};

		dns_contacts_are("TXT through an alias", "www.example.com", txt,
						 "txt: ops@provider.example; caa:", &r);
		dns_row_is("TXT through an alias", &r, 0, NULL, NULL);
		dns_row_is("TXT through an alias", &r, 1, "ops@provider.example", NULL);
		dns_row_is("an alias of no ADN", &r, 2, NULL, "no lookup");
		dns_contacts_are("CAA through aliases", "www.example.com", caa,
						 "txt:; caa: cdn@provider.example net@provider.example", &r);
		dns_row_is("CAA target not reached", &r, 3, NULL, "neither a name of the order");
	}
	/* RFC 8659: an empty answer at the alias climbs from the alias's name, not the target's */
	{
		const char *const rec[] = {
			"www.example.com. CNAME cdn.provider.example.",
			"provider.example. CAA 0 contactemail \"p@provider.example\"",
			"example.com. CAA 0 contactemail \"e@x.example\"",
			NULL
		};

		dns_contacts_are("CAA climb after an alias", "www.example.com", rec,
						 "txt:; caa: e@x.example", &r);
		dns_row_is("CAA climb after an alias", &r, 1, NULL, "neither a name of the order");
	}
	/* a failed lookup ends the climb: no record higher up decides */
	{
		const char *const loop[] = {
			"example.co.jp. CNAME example.co.jp.",
			"jp. CAA 0 contactemail \"j@x.example\"",
			NULL
		};
		const char *const two[] = {
			"www.example.co.jp. CNAME a.provider.example.",
			"www.example.co.jp. CNAME b.provider.example.",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};

		dns_contacts_are("a loop ends the CAA climb", "example.co.jp", loop, "txt:; caa:", &r);
		dns_row_is("a loop ends the CAA climb", &r, 1, NULL, "outside the relevant CAA set");
		dns_contacts_are("two aliases end one ADN's climb", "www.example.co.jp", two,
						 "txt:; caa: c@x.example", NULL);
	}
	for (int links = 8; links <= 9; links++)
	{
		int			k = 0;
		char		name[80];

		for (int i = 0; i < links; i++)
		{
			if (i == 0)
				snprintf(name, sizeof(name), "example.co.jp.");
			else
				snprintf(name, sizeof(name), "l%d.provider.example.", i);
			snprintf(lines[k], sizeof(lines[k]), "%s CNAME l%d.provider.example.", name, i + 1);
			rec[k] = lines[k];
			k++;
		}
		rec[k++] = "co.jp. CAA 0 contactemail \"c@x.example\"";
		rec[k] = NULL;
		snprintf(name, sizeof(name), "%d links, then the parent's CAA", links);
		/* 8 links answer nothing at the end: the climb goes on; 9 fail and end it */
		dns_contacts_are(name, "example.co.jp", rec,
						 links == 8 ? "txt:; caa: c@x.example" : "txt:; caa:", NULL);
	}
	/* a wildcard owner is that name only */
	{
		const char *const rec2[] = {
			"*.example.com. CAA 0 contactemail \"w@x.example\"",
			"_validation-contactemail.*.example.com. TXT \"t@x.example\"",
			NULL
		};

		dns_contacts_are("wildcard owners", "www.example.com", rec2, "txt:; caa:", NULL);
		dns_contacts_are("wildcard owners, wildcard order", "*.example.com", rec2, "txt:; caa:", NULL);
	}
	/* records at a name that has a CNAME are not used */
	{
		const char *const rec[] = {
			"_validation-contactemail.example.com. CNAME none.provider.example.",
			"_validation-contactemail.example.com. TXT \"a@x.example\"",
			"example.com. CNAME none.provider.example.",
			"example.com. CAA 0 contactemail \"b@x.example\"",
			NULL
		};

		dns_contacts_are("records beside a CNAME", "example.com", rec, "txt:; caa:", &r);
		dns_row_is("TXT beside a CNAME", &r, 1, NULL, "has a CNAME record");
		dns_row_is("CAA beside a CNAME", &r, 3, NULL, "has a CNAME record");
	}
	{
		const char *const rec[] = {
			"_validation-contactemail.example.com. CNAME t.provider.example.",
			"t.provider.example. CNAME u.provider.example.",
			"t.provider.example. TXT \"t@x.example\"",
			"u.provider.example. TXT \"u@x.example\"",
			NULL
		};

		dns_contacts_are("TXT at a middle link", "example.com", rec, "txt: u@x.example; caa:", &r);
		dns_row_is("TXT at a middle link", &r, 2, NULL, "has a CNAME record");
	}
	test_arena_reset(&ar);
}

/*
 * Records whose owner and type were read and whose RDATA was not: they
 * still exist at their name for the lookups, and give nothing.
 */
static void
test_dns_unread(void)
{
	dcv_dns_result r;
	static const char to_broken[] =
		"the chain of aliases leads to a CNAME record that does not parse, which answers nothing";

	/* a CAA record that does not parse makes its name's set non-empty: the climb ends there */
	{
		const char *const flags[] = {
			"example.co.jp. CAA 256 issue \"ca.example\"",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};
		const char *const tag[] = {
			"example.co.jp. CAA 0 issue-critical \"ca.example\"",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			"example.co.jp. CAA 0 contactemail \"e@x.example\"",
			NULL
		};
		const char *const generic[] = {
			"example.co.jp. TYPE257 \\# 3 000000",
			"jp. CAA 0 contactemail \"j@x.example\"",
			NULL
		};

		dns_contacts_are("CAA not read ends the climb", "example.co.jp", flags, "txt:; caa:", &r);
		dns_row_read("CAA not read ends the climb", &r, 0, false, DCV_RR_CAA, "example.co.jp");
		dns_row_is("CAA not read ends the climb", &r, 0, NULL,
				   "the record does not parse: the CAA flags are not a decimal from 0 to 255");
		dns_row_read("CAA not read ends the climb", &r, 1, true, DCV_RR_CAA, "co.jp");
		dns_row_is("CAA not read ends the climb", &r, 1, NULL, "outside the relevant CAA set");
		dns_contacts_are("CAA not read ends the climb, deeper", "www.shop.example.co.jp", flags,
						 "txt:; caa:", NULL);
		/* in the set, a record that is read still counts */
		dns_contacts_are("CAA not read beside one that is", "example.co.jp", tag,
						 "txt:; caa: e@x.example", &r);
		dns_row_read("CAA not read beside one that is", &r, 0, false, DCV_RR_CAA, "example.co.jp");
		dns_row_is("CAA not read beside one that is", &r, 1, NULL, "outside the relevant CAA set");
		dns_contacts_are("CAA not read in generic form", "www.example.co.jp", generic, "txt:; caa:", &r);
		dns_row_is("CAA not read in generic form", &r, 0, NULL, "not a CAA record");
		dns_row_is("CAA not read in generic form", &r, 1, NULL, "outside the relevant CAA set");
	}
	/*
	 * RDATA that does not even split into fields (an unclosed quote, a
	 * stray parenthesis, a TTL too large): owner and type are read, and the
	 * record counts at its name all the same.
	 */
	{
		const char *const caa_quote[] = {
			"example.co.jp. CAA 0 issue \"ca.example",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};
		const char *const caa_paren[] = {
			"example.co.jp. CAA 0 issue ca.example )",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};
		const char *const caa_ttl[] = {
			"example.co.jp. 2147483648 IN CAA 0 issue \"ca.example\"",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};
		const char *const cname_quote[] = {
			"_validation-contactemail.example.com CNAME \"t.example.net",
			"_validation-contactemail.example.com TXT \"hidden@x.example\"",
			NULL
		};
		const char *const other_class[] = {
			"example.co.jp. CH CAA 0 issue \"ca.example",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};

		dns_contacts_are("CAA with an unclosed quote ends the climb", "example.co.jp", caa_quote,
						 "txt:; caa:", &r);
		dns_row_read("CAA with an unclosed quote ends the climb", &r, 0, false, DCV_RR_CAA, "example.co.jp");
		dns_contacts_are("CAA with a stray parenthesis ends the climb", "example.co.jp", caa_paren,
						 "txt:; caa:", NULL);
		dns_contacts_are("CAA with too large a TTL ends the climb", "example.co.jp", caa_ttl,
						 "txt:; caa:", NULL);
		dns_contacts_are("CNAME with an unclosed quote hides the TXT at its name", "example.com",
						 cname_quote, "txt:; caa:", &r);
		dns_row_read("CNAME with an unclosed quote", &r, 0, false, DCV_RR_CNAME,
					 "_validation-contactemail.example.com");
		dns_contacts_are("a broken record of another class is at no name", "example.co.jp", other_class,
						 "txt:; caa: c@x.example", NULL);
	}
	/* the same at the target of an alias: the lookup answers with a set */
	{
		const char *const rec[] = {
			"example.co.jp. CNAME t.provider.example.",
			"t.provider.example. CAA 0 issue \"ca.example\" \"second\"",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};

		dns_contacts_are("CAA not read at an alias's target", "example.co.jp", rec, "txt:; caa:", &r);
		dns_row_is("CAA not read at an alias's target", &r, 0, NULL, NULL);
		dns_row_read("CAA not read at an alias's target", &r, 1, false, DCV_RR_CAA, "t.provider.example");
		dns_row_is("CAA not read at an alias's target", &r, 2, NULL, "outside the relevant CAA set");
	}
	/*
	 * Records of which nothing is read are at no name: another class (not
	 * used, doc/rules.md), a raw U+FFFD (the element is unusable).
	 */
	{
		const char *const rec[] = {
			"example.co.jp. CH CAA 0 issue \"ca.example\"",
			"example.co.jp. CAA 0 issue \"ca.example\xEF\xBF\xBD\"",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};

		dns_contacts_are("records not read at all", "example.co.jp", rec, "txt:; caa: c@x.example", &r);
		for (size_t i = 0; i < 2; i++)
			dns_row_read("records not read at all", &r, i, false, 0, NULL);
		dns_row_is("records not read at all", &r, 0, NULL, "the class is not IN");
		dns_row_is("records not read at all", &r, 1, NULL, "U+FFFD");
	}
	/* a TXT record that does not parse gives nothing, and hides nothing */
	{
		const char *const rec[] = {
			"_validation-contactemail.example.co.jp. TXT \"a@x.example\" \\999",
			"_validation-contactemail.example.co.jp. TXT \"ops@x.example\"",
			"example.co.jp. TXT \\# 3 0161",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};

		dns_contacts_are("TXT not read", "example.co.jp", rec, "txt: ops@x.example; caa: c@x.example", &r);
		dns_row_read("TXT not read", &r, 0, false, DCV_RR_TXT, "_validation-contactemail.example.co.jp");
		dns_row_is("TXT not read", &r, 0, NULL, "the record does not parse: the escape \\999 is not an octet");
		dns_row_is("TXT not read", &r, 1, "ops@x.example", NULL);
		dns_row_read("TXT not read", &r, 2, false, DCV_RR_TXT, "example.co.jp");
		dns_row_is("TXT not read", &r, 3, "c@x.example", NULL);
	}
	/* a CNAME record that does not parse is an alias: the records beside it are hidden */
	{
		const char *const rec[] = {
			"_validation-contactemail.example.com. CNAME a.example. b.example.",
			"_validation-contactemail.example.com. TXT \"hidden@x.example\"",
			"example.com. CNAME \\# 2 c00c",
			"example.com. CAA 0 contactemail \"hidden-caa@x.example\"",
			"com. CAA 0 contactemail \"tld@x.example\"",
			NULL
		};

		dns_contacts_are("CNAME not read hides", "example.com", rec, "txt:; caa:", &r);
		dns_row_read("CNAME not read hides", &r, 0, false, DCV_RR_CNAME, "_validation-contactemail.example.com");
		dns_row_is("CNAME not read hides", &r, 0, NULL,
				   "the record does not parse: a CNAME record has one target name; this one has 2 fields");
		dns_row_is("CNAME not read hides", &r, 1, NULL,
				   "the owner _validation-contactemail.example.com has a CNAME record, so a lookup of it follows the alias and finds no other record there");
		dns_row_read("CNAME not read hides", &r, 2, false, DCV_RR_CNAME, "example.com");
		dns_row_is("CNAME not read hides", &r, 3, NULL, "the owner example.com has a CNAME record");
		/* and its lookup fails, which ends the climb */
		dns_row_is("CNAME not read hides", &r, 4, NULL, "outside the relevant CAA set");
	}
	/* a chain that leads to a CNAME record that does not parse answers nothing */
	{
		const char *const rec[] = {
			"_validation-contactemail.example.com. CNAME t.provider.example.",
			"t.provider.example. CNAME u.provider.example.",
			"u.provider.example. CNAME \\# 2 c00c",
			"u.provider.example. TXT \"u@x.example\"",
			"v.provider.example. TXT \"v@x.example\"",
			"example.co.jp. CNAME t.provider.example.",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};

		dns_contacts_are("a chain to a CNAME not read", "example.com", rec, "txt:; caa:", &r);
		dns_row_is("a chain to a CNAME not read", &r, 0, NULL, to_broken);
		dns_row_is("a chain to a CNAME not read", &r, 1, NULL, to_broken);
		dns_row_read("a chain to a CNAME not read", &r, 2, false, DCV_RR_CNAME, "u.provider.example");
		dns_row_is("a chain to a CNAME not read", &r, 2, NULL,
				   "the record does not parse: the name in the generic RDATA has a label of length 192");
		dns_row_is("a chain to a CNAME not read", &r, 3, NULL,
				   "the owner u.provider.example has a CNAME record");
		dns_row_is("a chain to a CNAME not read", &r, 5, NULL, "no lookup for the order passes through this alias");
		/* for CAA: the failed lookup ends the climb */
		dns_contacts_are("a chain to a CNAME not read, CAA", "www.example.co.jp", rec, "txt:; caa:", &r);
		dns_row_is("a chain to a CNAME not read, CAA", &r, 5, NULL, to_broken);
		dns_row_is("a chain to a CNAME not read, CAA", &r, 1, NULL, to_broken);
		dns_row_is("a chain to a CNAME not read, CAA", &r, 0, NULL,
				   "no lookup for the order passes through this alias");
		dns_row_is("a chain to a CNAME not read, CAA", &r, 6, NULL, "outside the relevant CAA set");
	}
	/* two CNAME records, one of them not read: a lookup of the name answers nothing */
	{
		const char *const two[] = {
			"_validation-contactemail.example.com. CNAME a.provider.example.",
			"_validation-contactemail.example.com. CNAME a.example. b.example.",
			"a.provider.example. TXT \"a@x.example\"",
			NULL
		};
		const char *const to_two[] = {
			"_validation-contactemail.example.com. CNAME c.provider.example.",
			"c.provider.example. CNAME a.provider.example.",
			"c.provider.example. CNAME \\# 2 c00c",
			"a.provider.example. TXT \"a@x.example\"",
			"example.co.jp. CNAME a.provider.example.",
			"example.co.jp. CNAME \\# 2 c00c",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};

		dns_contacts_are("two CNAMEs, one not read", "example.com", two, "txt:; caa:", &r);
		dns_row_is("two CNAMEs, one not read", &r, 0, NULL,
				   "the name has more than one CNAME record, and a lookup of it answers nothing");
		dns_row_read("two CNAMEs, one not read", &r, 1, false, DCV_RR_CNAME,
					 "_validation-contactemail.example.com");
		dns_row_is("two CNAMEs, one not read", &r, 2, NULL, "is not such a name");
		dns_contacts_are("a chain to two CNAMEs, one not read", "example.com", to_two, "txt:; caa:", &r);
		dns_row_is("a chain to two CNAMEs, one not read", &r, 0, NULL,
				   "the chain of aliases leads to a name with more than one CNAME record, which answers nothing");
		dns_row_is("a chain to two CNAMEs, one not read", &r, 1, NULL,
				   "the name has more than one CNAME record, and a lookup of it answers nothing");
		dns_contacts_are("two CNAMEs, one not read, end the climb", "example.co.jp", to_two, "txt:; caa:", &r);
		dns_row_is("two CNAMEs, one not read, end the climb", &r, 4, NULL,
				   "the name has more than one CNAME record, and a lookup of it answers nothing");
		dns_row_is("two CNAMEs, one not read, end the climb", &r, 6, NULL, "outside the relevant CAA set");
	}
	/* an alias that does not parse at the order's name ends its climb; a parent's own climb goes on */
	{
		const char *const rec[] = {
			"www.example.co.jp. CNAME \\# 2 c00c",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};

		dns_contacts_are("CNAME not read at the applied domain", "www.example.co.jp", rec,
						 "txt:; caa: c@x.example", NULL);
		dns_contacts_are("CNAME not read below the applied domain", "example.co.jp", rec,
						 "txt:; caa: c@x.example", NULL);
	}
	{
		const char *const rec[] = {
			"example.co.jp. CNAME \\# 2 c00c",
			"co.jp. CAA 0 contactemail \"c@x.example\"",
			NULL
		};

		dns_contacts_are("CNAME not read at the base domain", "www.example.co.jp", rec, "txt:; caa:", &r);
		dns_row_is("CNAME not read at the base domain", &r, 1, NULL, "outside the relevant CAA set");
	}
	/* decisions see the same: the registry's contact above an unread set is no candidate */
	{
		const char *const rec[] = {
			"example.co.jp. CAA 0 issue-critical \"ca.example\"",
			"co.jp. CAA 0 contactemail \"registry@x.example\"",
			NULL
		};
		dcv_str		dns[2];
		dcv_domain	d;
		dcv_error	err;

		dns_records(rec, 2, dns);
		check(dcv_domain_analyze("example.co.jp", 13, &d, &err) == DCV_OK, "analyze example.co.jp");
		dcv_dns_contacts_only(&d, dns, 2, &alloc, &r);
		check(r.n == 2 && r.n_caa == 0 && r.n_txt == 0 && r.rows[0].type == DCV_RR_CAA &&
			  r.rows[0].owner && strcmp(r.rows[0].owner, "example.co.jp") == 0 && !r.rows[0].parsed,
			  "dcv_dns_contacts_only: %zu CAA contacts above a set not read", r.n_caa);
	}
	test_arena_reset(&ar);
}

/*
 * What the records' text and names do to the contacts: a comment ends at a
 * CR, a raw U+FFFD makes an element unusable, a name's length counts its
 * A-labels.
 */
static void
test_dns_lines(void)
{
	dcv_dns_result r;

	/* a comment ends at a CR as at an LF: a second line after it, and the element is refused */
	{
		const char *const rec[] = {
			"_validation-contactemail.example.com TXT \"a@x.example\" ; c\r_validation-contactemail.example.com TXT \"b@x.example\"",
			"_validation-contactemail.example.com TXT \"c@x.example\" ; c\rexample.com CAA 0 contactemail \"d@x.example\"",
			"example.com CAA 0 contactemail \"e@x.example\" ; c\r",
			"_validation-contactemail.example.com TXT ( \"f@x.example\" ; c\r )",
			"_validation-contactemail.example.com TXT \"g@x.example\" ; c\n",
			NULL
		};

		dns_contacts_are("a comment ends at a CR", "example.com", rec,
						 "txt: f@x.example g@x.example; caa: e@x.example", &r);
		dns_row_is("a comment ends at a CR", &r, 0, NULL,
				   "the record does not parse: the element holds more than one line; give one record an element");
		dns_row_read("a comment ends at a CR", &r, 0, false, 0, NULL);
		dns_row_is("a comment ends at a CR", &r, 1, NULL, "more than one line");
		dns_row_is("a comment ends at a CR", &r, 2, "e@x.example", NULL);
		dns_row_is("a comment ends at a CR", &r, 3, "f@x.example", NULL);
	}
	/* a raw U+FFFD anywhere: the element gives nothing, and nothing of it is read */
	{
		const char *const rec[] = {
			"_validation-contactemail.ex\xEF\xBF\xBDmple.com TXT \"a@x.example\"",
			"_validation-contactemail.example.com TXT \"b@x.example\" ; \xEF\xBF\xBD",
			"_validation-contactemail.example.com TXT \"c@x.example\" \"\xEF\xBF\xBD\"",
			"example.com CAA 0 contactemail \"d\xEF\xBF\xBD@x.example\"",
			"_validation-contactemail.example.com TXT \"e@x.example\" ; \\239\\191\\189",
			NULL
		};

		dns_contacts_are("U+FFFD", "example.com", rec, "txt: e@x.example; caa:", &r);
		for (size_t i = 0; i < 4; i++)
		{
			dns_row_read("U+FFFD", &r, i, false, 0, NULL);
			dns_row_is("U+FFFD", &r, i, NULL,
					   "the record does not parse: the element holds U+FFFD, the replacement for a character that could not be read");
		}
	}
	/*
	 * A name's length counts its A-labels.  The order's name below is 242
	 * octets as A-labels (20 labels of xn--r8jz45g, and jp), 142 in UTF-8:
	 * _validation-contactemail.<it> would be 268 octets on the wire, no
	 * name, in Unicode as in A-labels; the name itself is one.
	 */
	{
		char		uni[400],
					alabel[400],
					txt_u[500],
					txt_a[500],
					caa_u[500],
					cname[600];
		char	   *u = uni,
				   *a = alabel;
		const char *rec[] = {txt_u, txt_a, caa_u, NULL};
		const char *alias[] = {cname, NULL};

		for (int i = 0; i < 20; i++)
		{
			u += sprintf(u, "\xE4\xBE\x8B\xE3\x81\x88.");
			a += sprintf(a, "xn--r8jz45g.");
		}
		strcpy(u, "jp");
		strcpy(a, "jp");
		snprintf(txt_u, sizeof(txt_u), "_validation-contactemail.%s TXT \"unicode-form@x.example\"", uni);
		snprintf(txt_a, sizeof(txt_a), "_validation-contactemail.%s TXT \"alabel-form@x.example\"", alabel);
		snprintf(caa_u, sizeof(caa_u), "%s. CAA 0 contactemail \"caa@x.example\"", uni);
		dns_contacts_are("a long Unicode name", uni, rec, "txt:; caa: caa@x.example", &r);
		dns_row_read("a long Unicode name", &r, 0, false, 0, NULL);
		dns_row_is("a long Unicode name", &r, 0, NULL,
				   "the record does not parse: the owner name: the name is longer than 255 octets");
		dns_row_read("a long Unicode name", &r, 1, false, 0, NULL);
		dns_row_is("a long Unicode name", &r, 1, NULL, "the name is longer than 255 octets");
		dns_row_read("a long Unicode name", &r, 2, true, DCV_RR_CAA, alabel);
		dns_row_is("a long Unicode name", &r, 2, "caa@x.example", NULL);
		/* as an alias's target: the CNAME is not read, and the lookup answers nothing */
		snprintf(cname, sizeof(cname), "_validation-contactemail.example.com CNAME _validation-contactemail.%s", uni);
		dns_contacts_are("a long Unicode target", "example.com", alias, "txt:; caa:", &r);
		dns_row_read("a long Unicode target", &r, 0, false, DCV_RR_CNAME, "_validation-contactemail.example.com");
		dns_row_is("a long Unicode target", &r, 0, NULL, "the name is longer than 255 octets");
	}
	test_arena_reset(&ar);
}

/* A TXT value (and the same CAA value) gives no contact; the problem says problem_part. */
static void
dns_value_refused(const char *rdata, const char *problem_part)
{
	char		txt[400],
				caa[400],
				name[500];
	const char *rec[] = {txt, caa, NULL};
	dcv_dns_result r;

	snprintf(txt, sizeof(txt), "_validation-contactemail.example.com. TXT %s", rdata);
	snprintf(caa, sizeof(caa), "example.com. CAA 0 contactemail %s", rdata);
	snprintf(name, sizeof(name), "value %s", rdata);
	dns_contacts_are(name, "example.com", rec, "txt:; caa:", &r);
	dns_row_is(name, &r, 0, NULL, problem_part);
	if (strstr(problem_part, "character-strings") == NULL)
		dns_row_is(name, &r, 1, NULL, problem_part);
}

static void
dns_value_accepted(const char *rdata, const char *email)
{
	char		txt[400],
				caa[400],
				name[500],
				want[400];
	const char *rec[] = {txt, caa, NULL};

	snprintf(txt, sizeof(txt), "_validation-contactemail.example.com. TXT %s", rdata);
	snprintf(caa, sizeof(caa), "example.com. CAA 0 contactemail %s", rdata);
	snprintf(name, sizeof(name), "value %s", rdata);
	snprintf(want, sizeof(want), "txt: %s; caa: %s", email, email);
	dns_contacts_are(name, "example.com", rec, want, NULL);
}

static void
exact_email(const char *in, size_t len, const char *want)
{
	char		out[DCV_EMAIL_BUF];
	size_t		outlen = 0;
	dcv_error	err;
	dcv_status	st = dcv_normalize_email_exact(in, len, out, &outlen, &err);
	char		shown[600] = "";

	dns_put_quoted(shown, sizeof(shown), in, len);
	if (want)
		check(st == DCV_OK && strcmp(out, want) == 0 && outlen == strlen(want),
			  "normalize_email_exact(%s) = %s, want %s", shown, st == DCV_OK ? out : err.detail, want);
	else
		check(st == DCV_ERR_EMAIL, "normalize_email_exact(%s) should fail, got %s", shown,
			  st == DCV_OK ? out : err.detail);
}

static void
test_dns_values(void)
{
	/* no padding: spaces, tabs, NBSP, ideographic space, line ends */
	dns_value_refused("\" ops@example.com\"", "white space");
	dns_value_refused("\"ops@example.com \"", "white space");
	dns_value_refused("\"\\009ops@example.com\"", "white space");
	dns_value_refused("\"ops@example.com\\013\\010\"", "white space");
	dns_value_refused("\"\\194\\160ops@example.com\"", "white space");
	dns_value_refused("\"ops@example.com\\194\\160\"", "white space");
	dns_value_refused("\"\xC2\xA0ops@example.com\"", "white space");
	dns_value_refused("\"ops@example.com\\227\\128\\128\"", "white space");
	/* no structure */
	dns_value_refused("\"ops@\" \"example.com\"", "2 character-strings");
	dns_value_refused("\"ops@example.com\" \"\"", "2 character-strings");
	dns_value_refused("\"mailto:ops@example.com\"", "not a usable address");
	dns_value_refused("\"Ops <ops@example.com>\"", "not a usable address");
	dns_value_refused("\"<ops@example.com>\"", "not a usable address");
	dns_value_refused("\"ops@example.com, b@example.com\"", "not a usable address");
	dns_value_refused("\"\"", "not a usable address");
	dns_value_refused("\"admin@localhost\"", "not a usable address");
	dns_value_refused("\"ops@example.com\\000\"", "not a usable address");
	dns_value_refused("\"\\000ops@example.com\"", "not a usable address");
	dns_value_refused("\"ops%evil@example.com\"", "not a usable address");
	dns_value_refused("\"ops@exa mple.com\"", "not a usable address");
	dns_value_refused("\"ops@example.com..\"", "not a usable address");
	dns_value_refused("\"ops@example.com. \"", "white space");
	/* what is accepted: the address, in any case and in Unicode */
	dns_value_accepted("\"Ops@Example.COM\"", "ops@example.com");
	dns_value_accepted("ops@example.com", "ops@example.com");
	dns_value_accepted("\"joe@gmail.com\"", "joe@gmail.com");
	dns_value_accepted("\"ops@\\228\\190\\139\\227\\129\\136.jp\"", "ops@xn--r8jz45g.jp");
	dns_value_accepted("\"ops@\xE4\xBE\x8B\xE3\x81\x88.jp\"", "ops@xn--r8jz45g.jp");
	dns_value_accepted("\\111ps@example.com", "ops@example.com");
	dns_value_accepted("\"ops\\@example.com\"", "ops@example.com");
	/* the normal form drops one final dot of the domain part */
	dns_value_accepted("\"ops@example.com.\"", "ops@example.com");
	dns_value_accepted("\"ops@example.com\\227\\128\\130\"", "ops@example.com");

	/* the exact normal form against the trimming one */
	exact_email("ops@example.com", 15, "ops@example.com");
	exact_email("Ops@Example.COM", 15, "ops@example.com");
	/* one final dot of the domain part is dropped, as in every address */
	exact_email("Ops@Example.COM.", 16, "ops@example.com");
	exact_email("ops@example.com\xE3\x80\x82", 18, "ops@example.com");
	exact_email("ops@example.com..", 17, NULL);
	exact_email(" ops@example.com", 16, NULL);
	exact_email("ops@example.com ", 16, NULL);
	exact_email("\xC2\xA0ops@example.com", 17, NULL);
	exact_email("ops@example.com\xE3\x80\x80", 18, NULL);
	exact_email("ops@example.com\n", 16, NULL);
	exact_email("", 0, NULL);
	exact_email("ops@example.com\0x", 17, NULL);
	exact_email("ops@example.com", 14, "ops@example.co");
	{
		char		out[DCV_EMAIL_BUF];
		size_t		len;

		check(dcv_normalize_email(" ops@example.com ", 17, out, &len, NULL) == DCV_OK &&
			  strcmp(out, "ops@example.com") == 0, "normalize_email still trims");
	}
	test_arena_reset(&ar);
}

/* ---- candidates and decisions ---- */

static const char *
dns_candidates_text(const dcv_candidates *c)
{
	static char buf[4096];

	buf[0] = '\0';
	for (size_t i = 0; i < c->n; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s/%s", i ? " " : "",
				 c->items[i].email, dcv_source_name(c->items[i].source));
	return buf;
}

static void
test_dns_candidates(void)
{
	const char *const lines[] = {
		"_validation-contactemail.www.example.com. TXT \"t2@x.example\"",
		"_validation-contactemail.example.com. TXT \"T1@x.example\"",
		"_validation-contactemail.example.com. TXT \"z@whois.example\"",
		"_validation-contactemail.example.com. TXT \"admin@example.com\"",
		"example.com. CAA 0 contactemail \"c2@x.example\"",
		"example.com. CAA 0 contactemail \"c1@x.example\"",
		"example.com. CAA 0 contactemail \"t1@x.example\"",
		"example.com. CAA 0 contactemail \"admin@www.example.com\"",
		"example.com. CAA 0 contactemail \"webmaster@example.com\"",
		"example.com. CAA 0 contactemail \"a@whois.example\"",
		NULL
	};
	dcv_str		rec[10];
	dcv_str		whois[] = {S("z@whois.example"), S("A@whois.example"), S("REDACTED FOR PRIVACY")};
	dcv_domain	d;
	dcv_error	err;
	dcv_dns_result r;
	dcv_candidates c,
				c0;

	dns_records(lines, 10, rec);
	check(dcv_domain_analyze("www.example.com", 15, &d, &err) == DCV_OK, "analyze www.example.com");
	dcv_dns_contacts(&d, rec, 10, &alloc, &r);
	check(strcmp(dns_contacts_text(&r),
				 "txt: admin@example.com t1@x.example t2@x.example z@whois.example; "
				 "caa: a@whois.example admin@www.example.com c1@x.example c2@x.example "
				 "t1@x.example webmaster@example.com") == 0,
		  "candidates' contacts: %s", dns_contacts_text(&r));

	dcv_build_candidates_dns(&d, whois, 3, &r, false, &alloc, &c);
	check(strcmp(dns_candidates_text(&c),
				 "a@whois.example/whois z@whois.example/whois "
				 "admin@example.com/constructed administrator@example.com/constructed "
				 "hostmaster@example.com/constructed postmaster@example.com/constructed "
				 "webmaster@example.com/constructed "
				 "t1@x.example/dns_txt t2@x.example/dns_txt "
				 "admin@www.example.com/caa c1@x.example/caa c2@x.example/caa") == 0 &&
		  c.n_whois == 2,
		  "candidates with DNS contacts: %s (n_whois %zu)", dns_candidates_text(&c), c.n_whois);
	check(dcv_candidates_contain(&c, "c2@x.example") && dcv_candidates_contain(&c, "t2@x.example") &&
		  dcv_candidates_contain(&c, "admin@www.example.com") &&
		  !dcv_candidates_contain(&c, "hostmaster@www.example.com"),
		  "dcv_candidates_contain with DNS contacts");

	dcv_build_candidates_dns(&d, whois, 3, &r, true, &alloc, &c);
	check(strcmp(dns_candidates_text(&c),
				 "a@whois.example/whois z@whois.example/whois "
				 "admin@example.com/constructed administrator@example.com/constructed "
				 "hostmaster@example.com/constructed postmaster@example.com/constructed "
				 "webmaster@example.com/constructed "
				 "t1@x.example/dns_txt t2@x.example/dns_txt "
				 "admin@www.example.com/caa c1@x.example/caa c2@x.example/caa "
				 "administrator@www.example.com/subdomain hostmaster@www.example.com/subdomain "
				 "postmaster@www.example.com/subdomain webmaster@www.example.com/subdomain") == 0 &&
		  c.n_whois == 2,
		  "candidates with DNS contacts and subdomains: %s", dns_candidates_text(&c));

	/* WHOIS NULL: the constructed ones take z@ and a@ no more */
	dcv_build_candidates_dns(&d, NULL, 0, &r, false, &alloc, &c);
	check(strcmp(dns_candidates_text(&c),
				 "admin@example.com/constructed administrator@example.com/constructed "
				 "hostmaster@example.com/constructed postmaster@example.com/constructed "
				 "webmaster@example.com/constructed "
				 "t1@x.example/dns_txt t2@x.example/dns_txt z@whois.example/dns_txt "
				 "a@whois.example/caa admin@www.example.com/caa c1@x.example/caa c2@x.example/caa") == 0 &&
		  c.n_whois == 0,
		  "candidates without WHOIS: %s", dns_candidates_text(&c));

	/* no DNS result: as before */
	dcv_build_candidates_dns(&d, whois, 3, NULL, true, &alloc, &c);
	dcv_build_candidates(&d, whois, 3, true, &alloc, &c0);
	check(strcmp(dns_candidates_text(&c), dns_candidates_text(&c0)) == 0 && c.n == 2 + 5 + 5,
		  "candidates without DNS: %s", dns_candidates_text(&c));
	test_arena_reset(&ar);
}

static dcv_status
dns_decide(dcv_line line, dcv_era era, const char *domain, const dcv_str *des, size_t nd,
		   const dcv_str *whois, size_t nw, const dcv_str *dns, size_t ndns, bool allowed,
		   dcv_decision *out, dcv_error *err)
{
	dcv_decision_in in = {line, era, false, S(domain), des, nd, whois, nw, dns, ndns, allowed};

	memset(err, 0, sizeof(*err));
	return dcv_decide(&in, &alloc, out, err);
}

static void
test_dns_decisions(void)
{
	dcv_str		dns[] = {
		S("_validation-contactemail.example.com. TXT \"Txt@Contact.example\""),
		S("example.com. CAA 0 contactemail \"caa@contact.example\""),
		S("co.example. CAA 0 contactemail \"far@contact.example\""),
		S("_validation-contactemail.com. TXT \"com@contact.example\""),
		S(NULL),
	};
	dcv_str		txt[] = {S("txt@contact.example")};
	dcv_str		caa[] = {S(" CAA@contact.example\t")};
	dcv_str		both[] = {S("caa@contact.example"), S("webmaster@example.com"), S("txt@contact.example"),
	S("TXT@contact.example")};
	dcv_str		com[] = {S("com@contact.example")};
	dcv_str		other[] = {S("other@contact.example")};
	dcv_str		w[] = {S("z@example.com")};
	dcv_decision d;
	dcv_error	err;
	dcv_status	st;

	/* a designated DNS contact, on both lines, when they are candidates */
	st = dns_decide(DCV_LINE_DV, DCV_ERA_NOTICE, "www.example.com", txt, 1, NULL, 0, dns, 5, true, &d, &err);
	want_recipients("DV designated TXT contact", st, &d, DCV_RULE_DESIGNATED,
					(const char *[]) {"txt@contact.example"}, 1);
	st = dns_decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "www.example.com", caa, 1, w, 1, dns, 5, true, &d, &err);
	want_recipients("OV/EV designated CAA contact", st, &d, DCV_RULE_DESIGNATED,
					(const char *[]) {"caa@contact.example"}, 1);
	st = dns_decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "example.com", both, 4, w, 1, dns, 5, true, &d, &err);
	want_recipients("designated DNS and constructed", st, &d, DCV_RULE_DESIGNATED,
					(const char *[]) {"caa@contact.example", "webmaster@example.com", "txt@contact.example"}, 3);
	st = dns_decide(DCV_LINE_DV, DCV_ERA_NO_WHOIS, "example.com", txt, 1, w, 1, dns, 5, true, &d, &err);
	want_recipients("designated DNS contact after SC-080", st, &d, DCV_RULE_DESIGNATED,
					(const char *[]) {"txt@contact.example"}, 1);

	/* a DNS contact that is also a subdomain e-mail is a candidate without the flag */
	{
		dcv_str		sub[] = {S("admin@www.example.com")};
		dcv_str		subdns[] = {S("example.com. CAA 0 contactemail \"admin@www.example.com\"")};

		st = dns_decide(DCV_LINE_DV, DCV_ERA_NOTICE, "www.example.com", sub, 1, NULL, 0, subdns, 1, true,
						&d, &err);
		want_recipients("designated DNS contact that is a subdomain e-mail", st, &d, DCV_RULE_DESIGNATED,
						(const char *[]) {"admin@www.example.com"}, 1);
		st = dns_decide(DCV_LINE_DV, DCV_ERA_NOTICE, "www.example.com", sub, 1, NULL, 0, subdns, 1, false,
						&d, &err);
		check(st == DCV_ERR_NOT_CANDIDATE && err.index == 0,
			  "designated DNS contact that is a subdomain e-mail, before SC13: status %d", st);
	}
	/* before SC13 they are not candidates: refused, and the detail says why */
	st = dns_decide(DCV_LINE_DV, DCV_ERA_NOTICE, "www.example.com", txt, 1, NULL, 0, dns, 5, false, &d, &err);
	check(st == DCV_ERR_NOT_CANDIDATE && err.index == 0 && strstr(err.detail, "SC13") != NULL &&
		  strstr(err.detail, "txt@contact.example") != NULL,
		  "DV designated TXT contact before SC13: status %d, index %ld, \"%s\"", st, err.index, err.detail);
	st = dns_decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "www.example.com", both, 4, NULL, 0, dns, 5, false, &d, &err);
	check(st == DCV_ERR_NOT_CANDIDATE && err.index == 0 && strstr(err.detail, "SC13") != NULL,
		  "OV/EV designated CAA contact before SC13: status %d, index %ld, \"%s\"", st, err.index, err.detail);
	/*
	 * The longest address (254 octets) and a long base domain: the detail
	 * says all of it, its reason at the end included.
	 */
	{
		char		addr[300];
		char		rec[700];
		char		dom[300];
		dcv_str		des[1];
		dcv_str		recs[1];
		size_t		len;

		memset(addr, 'a', 64);
		addr[64] = '@';
		memset(addr + 65, 'b', 63);
		addr[128] = '.';
		memset(addr + 129, 'c', 63);
		addr[192] = '.';
		memset(addr + 193, 'd', 53);
		strcpy(addr + 246, ".example");
		check(strlen(addr) == 254, "the longest address is %zu octets", strlen(addr));
		memset(dom, 'e', 63);
		strcpy(dom + 63, ".co.jp");
		snprintf(rec, sizeof(rec), "_validation-contactemail.%s. TXT \"%s\"", dom, addr);
		des[0] = (dcv_str) {addr, strlen(addr)};
		recs[0] = (dcv_str) {rec, strlen(rec)};
		st = dns_decide(DCV_LINE_DV, DCV_ERA_NOTICE, dom, des, 1, NULL, 0, recs, 1, false, &d, &err);
		len = strlen(err.detail);
		check(st == DCV_ERR_NOT_CANDIDATE && strstr(err.detail, addr) != NULL &&
			  len > 14 && strcmp(err.detail + len - 14, "3.2.2.4.14) on") == 0,
			  "longest designated TXT contact before SC13: status %d, \"%s\"", st, err.detail);
		recs[0] = S("_validation-contactemail.example.com. TXT \"other@contact.example\"");
		st = dns_decide(DCV_LINE_DV, DCV_ERA_NOTICE, dom, des, 1, NULL, 0, recs, 1, true, &d, &err);
		len = strlen(err.detail);
		check(st == DCV_ERR_NOT_CANDIDATE && strstr(err.detail, addr) != NULL && strstr(err.detail, dom) != NULL &&
			  len > 23 && strcmp(err.detail + len - 23, "its DNS records publish") == 0,
			  "longest address, no candidate: status %d, \"%s\"", st, err.detail);
	}
	/* no lookup made: an address is just no candidate */
	st = dns_decide(DCV_LINE_DV, DCV_ERA_NOTICE, "www.example.com", txt, 1, NULL, 0, NULL, 0, false, &d, &err);
	check(st == DCV_ERR_NOT_CANDIDATE && err.index == 0 && strstr(err.detail, "SC13") == NULL,
		  "designated address without DNS records: status %d, \"%s\"", st, err.detail);
	st = dns_decide(DCV_LINE_DV, DCV_ERA_NOTICE, "www.example.com", txt, 1, NULL, 0, NULL, 0, true, &d, &err);
	check(st == DCV_ERR_NOT_CANDIDATE && err.index == 0,
		  "designated address, DNS allowed but no records: status %d, \"%s\"", st, err.detail);
	/* addresses the records do not publish for the order */
	st = dns_decide(DCV_LINE_DV, DCV_ERA_NOTICE, "www.example.com", com, 1, NULL, 0, dns, 5, true, &d, &err);
	check(st == DCV_ERR_NOT_CANDIDATE && err.index == 0 && strstr(err.detail, "DNS") != NULL,
		  "designated TXT contact above the base domain: status %d, \"%s\"", st, err.detail);
	st = dns_decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "www.example.com", other, 1, w, 1, dns, 5, true, &d, &err);
	check(st == DCV_ERR_NOT_CANDIDATE && err.index == 0 && strstr(err.detail, "DNS") != NULL,
		  "designated address no record publishes: status %d, \"%s\"", st, err.detail);
	{
		dcv_str		far[] = {S("far@contact.example")};

		st = dns_decide(DCV_LINE_DV, DCV_ERA_NOTICE, "www.example.com", far, 1, NULL, 0, dns, 5, true,
						&d, &err);
		check(st == DCV_ERR_NOT_CANDIDATE, "designated CAA contact of another domain: status %d", st);
	}

	/* defaults never pick a DNS contact */
	{
		dcv_str		aw[] = {S("zz@example.com")};
		dcv_str		early[] = {S("_validation-contactemail.example.com. TXT \"a@example.com\""),
		S("example.com. CAA 0 contactemail \"aa@example.com\"")};

		st = dns_decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "www.example.com", NULL, 0, aw, 1, early, 2, true,
						&d, &err);
		want_recipients("whois_first with DNS contacts", st, &d, DCV_RULE_WHOIS_FIRST,
						(const char *[]) {"zz@example.com"}, 1);
		st = dns_decide(DCV_LINE_OV_EV, DCV_ERA_NOTICE, "www.example.com", NULL, 0, NULL, 0, early, 2, true,
						&d, &err);
		want_recipients("admin_fallback with DNS contacts", st, &d, DCV_RULE_ADMIN_FALLBACK,
						(const char *[]) {"admin@example.com"}, 1);
		st = dns_decide(DCV_LINE_OV_EV, DCV_ERA_NO_WHOIS, "www.example.com", NULL, 0, aw, 1, dns, 5, true,
						&d, &err);
		want_recipients("admin_fallback after SC-080 with DNS contacts", st, &d, DCV_RULE_ADMIN_FALLBACK,
						(const char *[]) {"admin@example.com"}, 1);
		st = dns_decide(DCV_LINE_DV, DCV_ERA_NOTICE, "www.example.com", NULL, 0, aw, 1, dns, 5, true,
						&d, &err);
		check(st == DCV_ERR_NO_DESIGNATED, "DV without designated, with DNS contacts: status %d", st);
		st = dns_decide(DCV_LINE_DV, DCV_ERA_NO_EMAIL, "www.example.com", txt, 1, NULL, 0, dns, 5, true,
						&d, &err);
		check(st == DCV_ERR_NO_EMAIL_METHOD, "SC-090 with a designated DNS contact: status %d", st);
		st = dns_decide(DCV_LINE_OV_EV, DCV_ERA_BEFORE_NOTICE, "example.com", NULL, 0, NULL, 0, dns, 5, false,
						&d, &err);
		want_recipients("before the notice with DNS records", st, &d, DCV_RULE_ALL_CANDIDATES,
						(const char *[]) {"admin@example.com", "administrator@example.com",
			"hostmaster@example.com", "postmaster@example.com", "webmaster@example.com"}, 5);
	}
	test_arena_reset(&ar);
}

static void
test_dns(void)
{
	test_dns_parse();
	test_dns_txt();
	test_dns_caa();
	test_dns_cname();
	test_dns_unread();
	test_dns_lines();
	test_dns_values();
	test_dns_candidates();
	test_dns_decisions();
}
