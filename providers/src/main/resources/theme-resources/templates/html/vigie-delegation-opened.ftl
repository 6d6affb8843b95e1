<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("vigieDelegationOpenedBodyHtml", assistantName, clientName, until, ipAddress))?no_esc}
</@layout.emailLayout>
