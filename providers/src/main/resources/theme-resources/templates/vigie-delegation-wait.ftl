<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<#if section = "header">
    ${msg("vigieDelegationWaitTitle")}
<#elseif section = "form">
    <div id="vigie-waiting" data-status-url="${vigieStatusUrl}" data-expires-in="${vigieExpiresIn?c}">
        <div id="vigie-service" class="vigie-service">
            <span class="vigie-service__label">${msg("vigieServiceLabel")}</span>
            <span id="vigie-service-name" class="vigie-service__name">${vigieClientName}</span>
        </div>
        <p id="vigie-delegation-request" class="vigie-identified-as">${msg("vigieDelegationWaitRequest", vigiePractitioner, vigieUntil)}</p>
        <p id="vigie-instruction" class="vigie-instruction">${msg("vigieDelegationWaitInstruction")}</p>
        <p id="vigie-code" class="vigie-code" aria-describedby="vigie-instruction">${vigieCode}</p>
        <p id="vigie-delegation-in-person" class="vigie-hint">${msg("vigieDelegationWaitInPerson")}</p>
        <p id="vigie-countdown" class="vigie-countdown" role="timer">${msg("vigieWaitExpiresIn")} <span id="vigie-countdown-value">${vigieExpiresIn?c}</span> s</p>
        <p id="vigie-countdown-announce" class="pf-v5-screen-reader" role="status" data-template="${msg("vigieWaitTimeLeft", "{0}")}"></p>
        <noscript><p id="vigie-noscript" class="vigie-notice">${msg("vigieDelegationWaitNoScript")}</p></noscript>
        <form id="vigie-approval-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} vigie-actions">
                    <button id="vigie-continue" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="check" value="1">${msg("vigieDelegationWaitContinue")}</button>
                    <button id="vigie-delegation-back" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="back" value="1">${msg("vigieDelegationBack")}</button>
                    <button id="vigie-quit" class="${properties.kcButtonSecondaryClass!} pf-m-danger ${properties.kcButtonBlockClass!} vigie-quit" type="submit" name="cancel" value="quit">${msg("vigieQuit")}</button>
                </div>
            </div>
        </form>
    </div>
    <script type="module" src="${url.resourcesPath}/js/vigie-wait.js"></script>
</#if>
</@layout.registrationLayout>
