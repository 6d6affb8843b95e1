<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("vigieDeviceEnrolledBodyHtml", deviceName, enrolledAt, ipAddress))?no_esc}
</@layout.emailLayout>
