<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<#if section = "header">
    ${msg("vigieResultTitle_" + vigieOutcome)}
<#elseif section = "form">
    <#assign vigieSeverity = (vigieOutcome == "expired")?then("info", (vigieOutcome == "reported")?then("warning", "danger"))>
    <#assign vigieIcon = (vigieOutcome == "expired")?then("fa-clock", (vigieOutcome == "reported")?then("fa-shield-alt", "fa-times-circle"))>
    <div id="vigie-result" data-outcome="${vigieOutcome}" class="vigie-result">
        <div class="pf-v5-c-alert pf-m-inline pf-m-${vigieSeverity} vigie-result__alert">
            <div class="pf-v5-c-alert__icon"><i class="fas fa-fw ${vigieIcon}" aria-hidden="true"></i></div>
            <p id="vigie-result-text" class="pf-v5-c-alert__title">${msg("vigieResultText_" + vigieOutcome)}</p>
        </div>
        <#if vigieOutcome == "reported">
            <p id="vigie-report-next">${msg("vigieResultReportedNext")}</p>
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
        <#if vigieOutcome == "locked">
            <p id="vigie-locked-next">${msg("vigieResultLockedNext")}</p>
        </#if>
        <#if vigieOutcome == "reported" || vigieOutcome == "locked" || vigieOutcome == "userLocked">
            <p id="vigie-report-contact" class="vigie-contact"><#if vigieReportContact?has_content>${msg("vigieReportContact", vigieReportContact)}<#else>${msg("vigieReportContactDefault")}</#if></p>
        </#if>
        <form id="vigie-result-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} vigie-actions">
                    <#if vigieOutcome != "reported">
                    <a id="vigie-restart" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" href="${url.loginRestartFlowUrl?replace("skip_logout=false", "skip_logout=true")}">${msg("vigieRestart")}</a>
                    </#if>
                    <button id="vigie-quit" class="${(vigieOutcome == "reported")?then(properties.kcButtonPrimaryClass!, (properties.kcButtonSecondaryClass!"") + " pf-m-danger")} ${properties.kcButtonBlockClass!} vigie-quit" type="submit" name="cancel" value="quit">${msg("vigieQuit")}</button>
                </div>
            </div>
        </form>
    </div>
</#if>
</@layout.registrationLayout>
