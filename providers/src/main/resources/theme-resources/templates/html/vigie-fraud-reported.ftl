<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("vigieFraudReportedBodyHtml", clientName, requestedAt, ipAddress, userAgent, suspensionMinutes, reportContact))?no_esc}
</@layout.emailLayout>
