<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<#if section = "header">
    ${msg("vigieSecondStepUnavailableTitle")}
<#elseif section = "form">
    <p id="vigie-identified-as">${msg("vigieIdentifiedAs", nationalId!'')} <a id="vigie-not-me" href="${url.loginRestartFlowUrl}">${msg("vigieChangeIdentifier")}</a></p>
    <p id="vigie-second-step-unavailable" class="instruction">${msg("vigieSecondStepUnavailable")}</p>
    <form id="vigie-second-step-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <div class="${properties.kcFormGroupClass!}">
            <button id="vigie-quit" class="${properties.kcButtonLinkClass!'pf-v5-c-button pf-m-link'}" type="submit" name="cancel" value="quit">${msg("vigieQuit")}</button>
        </div>
    </form>
</#if>
</@layout.registrationLayout>
