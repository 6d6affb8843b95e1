<#ftl output_format="plainText">
${msg("vigieDeviceKeyRotatedBody", deviceName, rotatedAt, ipAddress)}
