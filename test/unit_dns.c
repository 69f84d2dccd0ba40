/* test_dns: written next */
static void
test_dns(void)
{
}
