<#ftl output_format="plainText">
${msg("vigieRiskAlertBody", clientName, ipAddress, localTime, reason)}
