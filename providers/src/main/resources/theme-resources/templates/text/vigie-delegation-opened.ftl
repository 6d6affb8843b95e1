<#ftl output_format="plainText">
${msg("vigieDelegationOpenedBody", assistantName, clientName, until, ipAddress)}
