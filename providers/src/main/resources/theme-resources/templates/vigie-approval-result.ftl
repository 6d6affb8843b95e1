<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<#if section = "header">
    ${msg("vigieResultTitle_" + vigieOutcome)}
<#elseif section = "form">
    <div id="vigie-result" data-outcome="${vigieOutcome}">
        <p id="vigie-result-text">${msg("vigieResultText_" + vigieOutcome)}</p>
        <#if vigieOutcome == "reported">
            <p id="vigie-report-next">${msg("vigieResultReportedNext")}</p>
            <#if vigieReportContact?has_content>
                <p id="vigie-report-contact">${msg("vigieReportContact", vigieReportContact)}</p>
            </#if>
        </#if>
        <#if vigieOutcome == "offHours">
            <#if vigieNextAllowed??>
                <p id="vigie-next-allowed">${msg("vigieResultOffHoursNext", vigieNextAllowed)}</p>
            </#if>
            <p id="vigie-off-hours-exception">${msg("vigieResultOffHoursException")}</p>
            <#if vigieReportContact?has_content>
                <p id="vigie-support-contact">${msg("vigieSupportContact", vigieReportContact)}</p>
            </#if>
        </#if>
        <p><a id="vigie-restart" href="${url.loginRestartFlowUrl}">${msg("vigieRestart")}</a></p>
    </div>
</#if>
</@layout.registrationLayout>
