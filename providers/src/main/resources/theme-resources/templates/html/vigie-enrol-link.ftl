<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("vigieEnrolLinkBodyHtml", identifier, link, linkExpirationMinutes, ipAddress))?no_esc}
</@layout.emailLayout>
