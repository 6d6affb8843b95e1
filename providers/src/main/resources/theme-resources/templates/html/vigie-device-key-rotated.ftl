<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("vigieDeviceKeyRotatedBodyHtml", deviceName, rotatedAt, ipAddress))?no_esc}
</@layout.emailLayout>
