<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<#if section = "header">
    ${msg("vigieWaitTitle")}
<#elseif section = "form">
    <div id="vigie-waiting" data-status-url="${vigieStatusUrl}" data-expires-in="${vigieExpiresIn?c}">
        <div id="vigie-service" class="vigie-service">
            <span class="vigie-service__label">${msg("vigieServiceLabel")}</span>
            <span id="vigie-service-name" class="vigie-service__name">${vigieClientName}</span>
        </div>
        <p id="vigie-identified-as" class="vigie-identified-as">${msg("vigieIdentifiedAs", nationalId!'')} <a id="vigie-not-me" href="${url.loginRestartFlowUrl?replace("skip_logout=false", "skip_logout=true")}">${msg("vigieChangeIdentifier")}</a></p>
        <p id="vigie-instruction" class="vigie-instruction"><#if vigieCodeMode == "pick">${msg("vigieWaitPickInstruction")}<#else>${msg("vigieWaitTypeInstruction")}</#if></p>
        <p id="vigie-code" class="vigie-code" aria-describedby="vigie-instruction">${vigieCode}</p>
        <p id="vigie-no-notification" class="vigie-hint">${msg("vigieWaitNoNotification")}</p>
        <p id="vigie-countdown" class="vigie-countdown" role="timer">${msg("vigieWaitExpiresIn")} <span id="vigie-countdown-value">${vigieExpiresIn?c}</span> s</p>
        <p id="vigie-countdown-announce" class="pf-v5-screen-reader" role="status" data-template="${msg("vigieWaitTimeLeft", "{0}")}"></p>
        <noscript><p id="vigie-noscript" class="vigie-notice">${msg("vigieWaitNoScript")}</p></noscript>
        <div id="vigie-warning" class="pf-v5-c-alert pf-m-warning pf-m-inline vigie-warning">
            <div class="pf-v5-c-alert__icon"><i class="fas fa-fw fa-exclamation-triangle" aria-hidden="true"></i></div>
            <p class="pf-v5-c-alert__title">${msg("vigieWaitWarningTitle")}</p>
            <div class="pf-v5-c-alert__description"><p>${msg("vigieWaitWarning")}</p></div>
        </div>
        <form id="vigie-approval-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} vigie-actions">
                    <button id="vigie-continue" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="check" value="1">${msg("vigieWaitContinue")}</button>
                    <button id="vigie-quit" class="${properties.kcButtonSecondaryClass!} pf-m-danger ${properties.kcButtonBlockClass!} vigie-quit" type="submit" name="cancel" value="quit">${msg("vigieQuit")}</button>
                </div>
            </div>
        </form>
    </div>
    <script type="module" src="${url.resourcesPath}/js/vigie-wait.js"></script>
</#if>
</@layout.registrationLayout>
