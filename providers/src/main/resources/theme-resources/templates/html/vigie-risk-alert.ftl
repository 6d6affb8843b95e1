<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("vigieRiskAlertBodyHtml", clientName, ipAddress, localTime, reason))?no_esc}
</@layout.emailLayout>
