<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<#if section = "header">
    ${msg("vigieWaitTitle")}
<#elseif section = "form">
    <div id="vigie-waiting" data-status-url="${vigieStatusUrl}" data-expires-in="${vigieExpiresIn?c}">
        <p id="vigie-identified-as">${msg("vigieIdentifiedAs", nationalId!'')} <a id="vigie-not-me" href="${url.loginRestartFlowUrl}">${msg("vigieChangeIdentifier")}</a></p>
        <p id="vigie-service">${msg("vigieWaitService", vigieClientName)}</p>
        <p id="vigie-instruction"><#if vigieCodeMode == "pick">${msg("vigieWaitPickInstruction")}<#else>${msg("vigieWaitTypeInstruction")}</#if></p>
        <p id="vigie-code" class="vigie-code" aria-describedby="vigie-instruction">${vigieCode}</p>
        <p id="vigie-countdown" aria-live="polite">${msg("vigieWaitExpiresIn")} <span id="vigie-countdown-value">${vigieExpiresIn?c}</span> s</p>
        <p id="vigie-warning" class="vigie-warning">${msg("vigieWaitWarning")}</p>
        <form id="vigie-approval-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!}">
                    <button id="vigie-continue" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="check" value="1">${msg("vigieWaitContinue")}</button>
                </div>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button id="vigie-quit" class="${properties.kcButtonLinkClass!'pf-v5-c-button pf-m-link'}" type="submit" name="cancel" value="quit">${msg("vigieQuit")}</button>
            </div>
        </form>
    </div>
    <script type="module" src="${url.resourcesPath}/js/vigie-wait.js"></script>
</#if>
</@layout.registrationLayout>
