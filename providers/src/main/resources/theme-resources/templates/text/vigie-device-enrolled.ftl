<#ftl output_format="plainText">
${msg("vigieDeviceEnrolledBody", deviceName, enrolledAt, ipAddress)}
