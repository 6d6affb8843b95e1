<#ftl output_format="plainText">
${msg("vigieFraudReportedBody", clientName, requestedAt, ipAddress, userAgent, suspensionMinutes, reportContact)}
