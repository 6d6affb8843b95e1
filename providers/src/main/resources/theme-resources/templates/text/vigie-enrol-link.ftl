<#ftl output_format="plainText">
${msg("vigieEnrolLinkBody", identifier, link, linkExpirationMinutes, ipAddress)}
